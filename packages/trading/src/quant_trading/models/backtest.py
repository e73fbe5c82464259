"""``Backtest``: one requested run of a strategy over symbols and a date range."""

from datetime import datetime
from typing import Any

from pydantic import Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import BacktestStatus, DataInterval, StrategyType
from quant_shared.events.outbox import OutboxMixin
from quant_trading.models.value_types import BacktestConfig, PerformanceMetrics


class Backtest(OutboxMixin, OwnedDocument):
    """Completion writes ``BacktestCompleted`` into ``pending_events`` with the status (one write)."""

    name: str
    strategy_id: str | None = Field(default=None, description="Stored strategy that was run, if any.")
    strategy_type: StrategyType
    parameters: dict[str, Any] = Field(default_factory=dict)
    spec: dict[str, Any] | None = Field(default=None, description="Rule-based strategy spec (JSON).")
    ml_model: str | None = Field(default=None, description="ML platform model feeding ML signals.")
    symbols: list[str]
    interval: DataInterval
    start: datetime | None = None
    end: datetime | None = None
    config: BacktestConfig = Field(default_factory=BacktestConfig)
    generate_narrative: bool = False
    status: BacktestStatus = BacktestStatus.PENDING
    metrics: PerformanceMetrics | None = None
    error: str | None = None
    task_id: str | None = None
    completed_at: datetime | None = None
    portfolio: dict[str, Any] | None = Field(
        default=None, description="Portfolio backtests: weights, rebalancing, per-asset contribution."
    )

    class Settings:
        name = "backtests"
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("created_at", DESCENDING)]),
            IndexModel([("status", ASCENDING)]),
            IndexModel([("strategy_id", ASCENDING)]),
        ]
