"""The events the ML platform reacts to, and the outbox it writes (start-up hook)."""

from fastapi import FastAPI

from quant_ml_platform.models import DOCUMENTS
from quant_ml_platform.models.data_quality_event import DataQualityEvent
from quant_ml_platform.models.deployment import ModelDeployment
from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.services.deployments.deployment_signals import on_model_deployed
from quant_ml_platform.services.experiments.strategy_links import ml_outbox, on_strategy_deleted
from quant_ml_platform.services.features.feature_refresh import on_market_data_ingested
from quant_ml_platform.services.user_cleanup import user_cleanup


async def subscribe_events(app: FastAPI) -> None:
    app.state.outbox.watch(ModelDeployment)
    app.state.outbox.watch(DataQualityEvent)
    app.state.outbox.watch(ModelExperiment)
    app.state.outbox.watch(ml_outbox())
    bus = app.state.event_bus
    bus.subscribe("MarketDataIngested", "ml_platform.feature_refresh", on_market_data_ingested)
    bus.subscribe("ModelDeployed", "ml_platform.deployment_signals", on_model_deployed)
    bus.subscribe("StrategyDeleted", "ml_platform.strategy_links", on_strategy_deleted)
    bus.subscribe("UserDeleted", "ml_platform.user_cleanup", user_cleanup(DOCUMENTS))
