"""``OptimizationRun``: a parameter search (grid/random/Bayesian) or a walk-forward analysis."""

from datetime import datetime
from typing import Any

from pydantic import Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import DataInterval, OptimizationMethod, OptimizationStatus, StrategyType
from quant_trading.models.strategy_template import ParameterRange
from quant_trading.models.value_types import BacktestConfig


class OptimizationRun(OwnedDocument):
    name: str
    strategy_id: str | None = None
    strategy_type: StrategyType
    base_parameters: dict[str, Any] = Field(default_factory=dict)
    spec: dict[str, Any] | None = None
    parameter_ranges: dict[str, ParameterRange]
    constraints: list[str] = Field(default_factory=list, description="e.g. 'fast < slow'.")
    method: OptimizationMethod
    objective: str
    maximize: bool = True
    max_trials: int
    seed: int = 0
    symbol: str
    interval: DataInterval
    start: datetime | None = None
    end: datetime | None = None
    config: BacktestConfig = Field(default_factory=BacktestConfig)
    walk_forward: dict[str, Any] | None = Field(default=None, description="Window settings, if walk-forward.")
    status: OptimizationStatus = OptimizationStatus.PENDING
    task_id: str | None = None
    trials_done: int = 0
    best_parameters: dict[str, Any] | None = None
    best_value: float | None = None
    best_metrics: dict[str, Any] | None = None
    deflated_sharpe: float | None = None
    walk_forward_result: dict[str, Any] | None = None
    error: str | None = None
    completed_at: datetime | None = None

    class Settings:
        name = "optimization_runs"
        indexes = [IndexModel([("owner_id", ASCENDING), ("created_at", DESCENDING)])]
