"""Evaluations: benchmarks, A/B tests, fairness audits, data-quality checks."""

from datetime import datetime
from typing import Any

from beanie import PydanticObjectId
from pydantic import Field

from quant_ml_platform.schemas.common import FeatureRef, ModelName, Symbol
from quant_shared.data_quality_event import DataQualityEventOut
from quant_shared.enums import ABTestMetric, FairnessGrouping
from quant_shared.schema import BaseSchema


class BenchmarkIn(BaseSchema):
    model: ModelName
    version: int | None = Field(
        default=None, ge=1, description="Default: the active production deployment's."
    )
    symbols: list[Symbol] = Field(min_length=1, max_length=20)
    start: datetime = Field(description="Start of the held-out period (after the training data).")
    end: datetime | None = None


class ABTestIn(BaseSchema):
    model: ModelName
    deployment_a: PydanticObjectId
    deployment_b: PydanticObjectId
    metric: ABTestMetric = ABTestMetric.HIT_RATE
    alpha: float = Field(default=0.05, gt=0, lt=0.5)
    n_bootstrap: int = Field(default=2000, ge=100, le=20000)


class FairnessIn(BaseSchema):
    model: ModelName
    version: int | None = Field(default=None, ge=1)
    grouping: FairnessGrouping
    groups: dict[Symbol, str] = Field(
        default_factory=dict, description="symbol -> group (sector, cap bucket...); for regime: symbols only."
    )
    symbols: list[Symbol] = Field(
        default_factory=list, max_length=20, description="Symbols of a regime audit."
    )
    start: datetime | None = None
    end: datetime | None = None
    threshold: float = Field(default=0.1, gt=0, le=1, description="Largest allowed disparity.")


class DataQualityIn(BaseSchema):
    feature: FeatureRef
    symbol: Symbol
    training_start: datetime | None = None
    training_end: datetime
    serving_end: datetime | None = None
    psi_threshold: float = Field(default=0.2, gt=0)
    max_nan_run: int = Field(default=3, ge=1)
    max_constant_run: int = Field(default=10, ge=2)


class EvaluationOut(BaseSchema):
    """A stored evaluation: its id, kind-specific fields and when it ran."""

    id: str
    kind: str
    created_at: datetime
    data: dict[str, Any]


class DataQualityReport(BaseSchema):
    feature: str
    symbol: str
    measurements: dict[str, Any]
    events: list[DataQualityEventOut]
