"""``BacktestResult``: what a finished backtest produced (trades, equity, drawdown, positions)."""

from typing import Any

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_trading.models.value_types import PerformanceMetrics, Position


class BacktestResult(OwnedDocument):
    """One per backtest. Series are parallel arrays; timestamps are epoch milliseconds."""

    backtest_id: str
    trade_log: bytes = Field(
        default=b"", description="Every trade, as columns (services/backtests/trade_log.py)."
    )
    trade_count: int = 0
    positions: list[Position] = Field(default_factory=list)
    timestamp: list[int] = Field(default_factory=list)
    equity: list[float] = Field(default_factory=list)
    drawdown: list[float] = Field(default_factory=list)
    exposure: list[float] = Field(default_factory=list)
    per_symbol: dict[str, PerformanceMetrics] = Field(default_factory=dict)
    series_downsampled_from: int | None = Field(
        default=None, description="Bar count of the full series when it was stored downsampled."
    )
    extra: dict[str, Any] = Field(default_factory=dict)

    class Settings:
        name = "backtest_results"
        indexes = [IndexModel([("backtest_id", ASCENDING)], unique=True)]
