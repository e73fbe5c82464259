"""The ML platform's Beanie documents and ``DOCUMENTS``, the list registered with Beanie."""

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

__all__ = [
    "DOCUMENTS",
    "ABTest",
    "BarTail",
    "Benchmark",
    "DataQualityEvent",
    "DeploymentSignal",
    "FairnessAudit",
    "Feature",
    "FeatureValue",
    "FeatureVersion",
    "ModelDeployment",
    "ModelExperiment",
    "ModelMetrics",
    "ModelVersion",
    "PredictionLog",
    "RegisteredModel",
]
