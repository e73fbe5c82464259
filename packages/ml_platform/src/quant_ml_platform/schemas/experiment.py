"""Experiments: the training request and its record."""

from datetime import datetime
from typing import Any

from pydantic import Field, model_validator

from quant_ml_platform.schemas.common import FeatureRef, Symbol
from quant_shared.enums import DataInterval, ExperimentStatus, ModelAlgorithm, PredictionTarget
from quant_shared.schema import BaseSchema


class ExperimentIn(BaseSchema):
    name: str = Field(min_length=1, max_length=100)
    features: list[FeatureRef] = Field(min_length=1, max_length=50)
    symbols: list[Symbol] = Field(min_length=1, max_length=20)
    start: datetime | None = None
    end: datetime | None = None
    target: PredictionTarget = PredictionTarget.DIRECTION
    algorithm: ModelAlgorithm = ModelAlgorithm.LOGISTIC_REGRESSION
    params: dict[str, Any] = Field(default_factory=dict, description="Hyper-parameters of the algorithm.")
    n_splits: int = Field(default=5, ge=2, le=10, description="Walk-forward folds (expanding window).")
    strategy_id: str | None = Field(default=None, max_length=64, description="Trading strategy it serves.")

    @model_validator(mode="after")
    def _window(self) -> "ExperimentIn":
        if self.start and self.end and self.start >= self.end:
            raise ValueError("start must be before end")
        return self


class ExperimentOut(BaseSchema):
    id: str
    name: str
    status: ExperimentStatus
    algorithm: ModelAlgorithm
    target: PredictionTarget
    params: dict[str, Any]
    symbols: list[str]
    interval: DataInterval
    start: datetime | None
    end: datetime | None
    n_splits: int
    feature_refs: list[str]
    feature_version_ids: list[str]
    strategy_id: str | None
    n_samples: int
    train_up_rate: float
    metrics: dict[str, Any]
    trading: dict[str, Any]
    folds: list[dict[str, Any]]
    reference: dict[str, list]
    artifact_id: str | None
    task_id: str | None
    error: str | None
    created_at: datetime
    updated_at: datetime
