"""The events the trading domain reacts to, and the outbox it writes (start-up hook)."""

from fastapi import FastAPI

from quant_shared.events.reactions import purge_user_data
from quant_trading.models import DOCUMENTS, Backtest
from quant_trading.services.backtests.performance_events import on_backtest_completed
from quant_trading.services.paper.paper_events import on_market_data_ingested
from quant_trading.services.strategies.experiment_links import (
    on_experiment_deleted,
    on_experiment_linked,
    trading_outbox,
)


async def subscribe_events(app: FastAPI) -> None:
    app.state.outbox.watch(Backtest)
    app.state.outbox.watch(trading_outbox())
    bus = app.state.event_bus
    bus.subscribe("BacktestCompleted", "trading.performance", on_backtest_completed)
    bus.subscribe("ExperimentLinked", "trading.experiment_links", on_experiment_linked)
    bus.subscribe("ExperimentDeleted", "trading.experiment_links_deleted", on_experiment_deleted)
    bus.subscribe("UserDeleted", "trading.user_cleanup", purge_user_data(DOCUMENTS))
    bus.subscribe("MarketDataIngested", "trading.paper_runs", on_market_data_ingested)
