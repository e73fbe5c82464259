"""Optimization API models: parameter search and walk-forward analysis."""

from datetime import datetime
from typing import Any

from pydantic import Field

from quant_shared.enums import DataInterval, OptimizationMethod, OptimizationStatus, StrategyType
from quant_shared.schema import BaseSchema
from quant_trading.models import BacktestConfig, OptimizationRun, OptimizationTrial, ParameterRange


class WalkForwardSettings(BaseSchema):
    """Rolling windows: optimize on ``in_sample_bars``, evaluate the best on the next OOS bars."""

    in_sample_bars: int = Field(ge=30, le=1_000_000)
    out_of_sample_bars: int = Field(ge=5, le=1_000_000)
    max_windows: int = Field(default=10, ge=1, le=50)


class OptimizationCreate(BaseSchema):
    name: str | None = Field(default=None, max_length=120)
    strategy_id: str | None = Field(default=None, max_length=64)
    strategy_type: StrategyType | None = None
    parameters: dict[str, Any] | None = Field(default=None, description="Fixed parameters (not searched).")
    spec: dict[str, Any] | None = None
    ml_model: str | None = Field(default=None, max_length=120)
    parameter_ranges: dict[str, ParameterRange] | None = Field(
        default=None, description="Searched parameters; default: the built-in template's ranges."
    )
    constraints: list[str] = Field(default_factory=list, max_length=10, description="e.g. 'fast < slow'.")
    method: OptimizationMethod = OptimizationMethod.GRID
    objective: str = Field(default="sharpe_ratio", max_length=64, description="KPI to optimize.")
    maximize: bool = True
    max_trials: int = Field(default=50, ge=1, le=5000)
    seed: int = Field(default=0, ge=0)
    symbol: str = Field(min_length=1, max_length=32)
    interval: DataInterval = DataInterval.D1
    start: datetime | None = None
    end: datetime | None = None
    config: BacktestConfig = Field(default_factory=BacktestConfig)
    walk_forward: WalkForwardSettings | None = None


class OptimizationOut(BaseSchema):
    id: str
    name: str
    strategy_id: str | None = None
    strategy_type: StrategyType
    method: OptimizationMethod
    objective: str
    maximize: bool
    max_trials: int
    symbol: str
    interval: DataInterval
    parameter_ranges: dict[str, ParameterRange]
    constraints: list[str]
    status: OptimizationStatus
    task_id: str | None = None
    trials_done: int
    best_parameters: dict[str, Any] | None = None
    best_value: float | None = None
    best_metrics: dict[str, Any] | None = None
    deflated_sharpe: float | None = None
    walk_forward: dict[str, Any] | None = None
    walk_forward_result: dict[str, Any] | None = None
    error: str | None = None
    created_at: datetime
    completed_at: datetime | None = None

    @classmethod
    def of(cls, run: OptimizationRun) -> "OptimizationOut":
        data = run.model_dump(include=set(cls.model_fields) - {"id"})
        return cls(id=str(run.id), **data)


class TrialOut(BaseSchema):
    number: int
    window: int | None = None
    parameters: dict[str, Any]
    value: float | None = None
    feasible: bool
    metrics: dict[str, Any]

    @classmethod
    def of(cls, trial: OptimizationTrial) -> "TrialOut":
        return cls(**trial.model_dump(include=set(cls.model_fields)))
