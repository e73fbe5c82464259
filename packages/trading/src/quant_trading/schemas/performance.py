"""Strategy performance API model."""

from datetime import datetime
from typing import Any

from pydantic import Field

from quant_shared.schema import BaseSchema


class StrategyPerformanceOut(BaseSchema):
    strategy_id: str
    backtests: int = 0
    last_backtest_id: str | None = None
    last_metrics: dict[str, Any] = Field(default_factory=dict)
    best_sharpe: float | None = None
    best_backtest_id: str | None = None
    mean_total_return: float | None = None
    last_run_at: datetime | None = None


class StrategyExecutionOut(BaseSchema):
    """One evaluation of a strategy: a backtest, or a signal read."""

    kind: str
    reference_id: str | None = None
    symbols: list[str]
    executed_at: datetime
    outcome: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def of(cls, execution: Any) -> "StrategyExecutionOut":
        """A stored ``StrategyExecution``'s."""
        return cls(**execution.model_dump(include=set(cls.model_fields)))
