"""``StrategyPerformance``: running summary of a strategy's completed backtests."""

from datetime import datetime
from typing import Any

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument


class StrategyPerformance(OwnedDocument):
    strategy_id: str
    backtests: int = 0
    last_backtest_id: str | None = None
    last_metrics: dict[str, Any] = Field(default_factory=dict)
    best_sharpe: float | None = None
    best_backtest_id: str | None = None
    mean_total_return: float | None = None
    last_run_at: datetime | None = None

    class Settings:
        name = "strategy_performance"
        indexes = [IndexModel([("strategy_id", ASCENDING)], unique=True)]
