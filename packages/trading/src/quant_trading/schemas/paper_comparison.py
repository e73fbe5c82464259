"""A paper run compared with a backtest of its strategy and config over the bars market data holds for
the same period: P&L, fills and bars, per symbol and in total."""

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from quant_shared.enums import DataInterval, PaperRunStatus, StrategyType
from quant_shared.schema import BaseSchema
from quant_trading.models import BacktestConfig


class ComparisonPeriod(BaseSchema):
    start: datetime = Field(description="The run's start.")
    end: datetime | None = Field(description="The last bar the run has processed (None: no bar yet).")


class ComparisonSettings(BaseSchema):
    """What the backtest side ran: the run's strategy and config, each symbol with its book's cash."""

    backtest_id: str | None = Field(description="The backtest the run was started from, if any.")
    strategy_type: StrategyType
    parameters: dict[str, Any]
    spec: dict[str, Any] | None
    interval: DataInterval
    config: BacktestConfig = Field(description="Per symbol: the book's share of the cash.")
    finalize_trades: bool = Field(description="Always false: a trade open at the end stays open.")


class PnlDrift(BaseSchema):
    paper: float = Field(description="Equity minus initial cash of the paper book(s).")
    backtest: float = Field(description="Final equity minus initial cash of the backtest.")
    difference: float = Field(description="paper - backtest.")
    difference_pct: float = Field(description="The difference as a percentage of the initial cash.")


class FillDrift(BaseSchema):
    paper: int
    backtest: int
    matched: int = Field(description="Fills on both sides with the same trade number and entry/exit.")
    matched_differing: int = Field(description="Matched fills whose price, time or units differ.")
    only_paper: int
    only_backtest: int
    mean_abs_price_difference: float | None = Field(description="Over matched fills (None: none).")
    max_abs_price_difference: float | None
    max_time_difference_seconds: float | None


class BarValues(BaseSchema):
    open: float
    high: float
    low: float
    close: float
    volume: float


class BarDifference(BaseSchema):
    time: datetime
    kind: Literal["revised", "missing_in_market", "missing_in_live"]
    live: BarValues | None = Field(description="The bar the run processed (None: it never saw it).")
    market: BarValues | None = Field(description="The bar market data holds now (None: it has none).")


class BarDrift(BaseSchema):
    live: int = Field(description="Bars the run processed in the period.")
    market: int = Field(description="Bars market data holds for the period.")
    differing: int = Field(description="Bars on both sides with a different open, high, low or close.")
    missing_in_market: int
    missing_in_live: int


class SymbolBarDrift(BarDrift):
    differences: list[BarDifference] = Field(description="The differing and missing bars, oldest first.")
    differences_shown: int = Field(description="How many of them are listed (the first ones).")


class SymbolComparison(BaseSchema):
    symbol: str
    period: ComparisonPeriod
    initial_cash: float
    pnl: PnlDrift
    fills: FillDrift
    bars: SymbolBarDrift


class ComparisonTotal(BaseSchema):
    initial_cash: float
    pnl: PnlDrift
    fills: FillDrift
    bars: BarDrift


class PaperComparisonDetail(BaseSchema):
    """Drift of a paper run from its backtest: what the bars seen live did against the bars held now."""

    run_id: str
    name: str
    status: PaperRunStatus
    symbols: list[str]
    period: ComparisonPeriod
    settings: ComparisonSettings
    by_symbol: list[SymbolComparison]
    total: ComparisonTotal
