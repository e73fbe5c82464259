"""Strategy API models."""

from datetime import datetime
from typing import Any

from pydantic import Field

from quant_shared.enums import DataInterval, ExperimentStatus, ModelAlgorithm, PredictionTarget, StrategyType
from quant_shared.schema import BaseSchema
from quant_trading.models import Strategy


class StrategyCreate(BaseSchema):
    name: str = Field(min_length=1, max_length=120)
    description: str | None = Field(default=None, max_length=2000)
    strategy_type: StrategyType
    parameters: dict[str, Any] = Field(default_factory=dict)
    spec: dict[str, Any] | None = Field(default=None, description="Required for rule_based strategies.")
    ml_model: str | None = Field(default=None, max_length=120, description="Required for ml_signal.")
    tags: list[str] = Field(default_factory=list, max_length=20)


class StrategyUpdate(BaseSchema):
    """Only the fields sent change. ``name``, ``parameters`` and ``tags`` may be left out but not set to
    null (a 422 naming the field): a strategy always has them."""

    name: str = Field(default=None, min_length=1, max_length=120)  # type: ignore[assignment]
    description: str | None = Field(default=None, max_length=2000)
    parameters: dict[str, Any] = Field(default=None)  # type: ignore[assignment]
    spec: dict[str, Any] | None = None
    ml_model: str | None = Field(default=None, max_length=120)
    tags: list[str] = Field(default=None, max_length=20)  # type: ignore[assignment]


class StrategyFromTemplate(BaseSchema):
    template_id: str = Field(max_length=64)
    name: str = Field(min_length=1, max_length=120)
    description: str | None = Field(default=None, max_length=2000)
    parameters: dict[str, Any] = Field(default_factory=dict, description="Overrides of the defaults.")
    ml_model: str | None = Field(default=None, max_length=120)


class StrategyOut(BaseSchema):
    id: str
    name: str
    description: str | None = None
    strategy_type: StrategyType
    parameters: dict[str, Any]
    spec: dict[str, Any] | None = None
    ml_model: str | None = None
    template_id: str | None = None
    tags: list[str]
    experiment_ids: list[str] = Field(default_factory=list, description="ML experiments serving it.")
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, s: Strategy) -> "StrategyOut":
        return cls(id=str(s.id), **s.model_dump(exclude={"id", "revision_id", "owner_id"}))


class StrategyExperimentOut(BaseSchema):
    """An ML experiment serving a strategy (its record: ``GET /ml/experiments/{id}``)."""

    id: str
    name: str
    status: ExperimentStatus
    algorithm: ModelAlgorithm
    target: PredictionTarget
    symbols: list[str]
    interval: DataInterval
    metrics: dict[str, Any]
    created_at: datetime
