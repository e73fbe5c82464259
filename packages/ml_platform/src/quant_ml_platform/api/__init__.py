"""The ml platform domain's routers and documents, exported for composition."""

from fastapi import APIRouter

from quant_ml_platform import __version__
from quant_ml_platform.api import (
    deployment_signals,
    deployments,
    evaluations,
    experiments,
    features,
    models,
    predictions,
    regimes,
)
from quant_ml_platform.api.admin import models as admin_models
from quant_ml_platform.api.tags import TAGS
from quant_ml_platform.models.ab_test import ABTest
from quant_ml_platform.models.bar_tail import BarTail
from quant_ml_platform.models.benchmark import Benchmark
from quant_ml_platform.models.data_quality_event import DataQualityEvent
from quant_ml_platform.models.deployment import ModelDeployment
from quant_ml_platform.models.deployment_signal import DeploymentSignal
from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.models.fairness_audit import FairnessAudit
from quant_ml_platform.models.feature import Feature, FeatureVersion
from quant_ml_platform.models.feature_value import FeatureValue
from quant_ml_platform.models.model_metrics import ModelMetrics
from quant_ml_platform.models.prediction_log import PredictionLog
from quant_ml_platform.models.registered_model import ModelVersion, RegisteredModel
from quant_ml_platform.services.event_subscriptions import subscribe_events
from quant_ml_platform.services.recovery import recover_experiments
from quant_shared.domain import DomainSpec

router = APIRouter()
for module in (
    features,
    experiments,
    models,
    deployments,
    deployment_signals,
    predictions,
    evaluations,
    regimes,
    admin_models,
):
    router.include_router(module.router)

DOCUMENTS: list = [
    Feature,
    FeatureVersion,
    FeatureValue,
    BarTail,
    ModelExperiment,
    RegisteredModel,
    ModelVersion,
    ModelMetrics,
    ModelDeployment,
    DeploymentSignal,
    PredictionLog,
    Benchmark,
    ABTest,
    FairnessAudit,
    DataQualityEvent,
]

DOMAIN = DomainSpec(
    name="ml_platform",
    router=router,
    documents=DOCUMENTS,
    tags=TAGS,
    version=__version__,
    on_startup=(subscribe_events, recover_experiments),
)

__all__ = ["DOCUMENTS", "DOMAIN", "TAGS", "router"]
