"""Value types embedded in trading documents: backtest configuration, trades, positions, metrics."""

import math
from datetime import datetime
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, model_validator

from quant_shared.enums import ExitReason, FillTiming, OrderType, PositionSizing, TradeType


class BacktestConfig(BaseModel):
    """Execution settings of a backtest; the engine's ``EngineConfig`` is built from them."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    initial_cash: float = Field(default=10_000.0, gt=0, description="Starting cash.")
    commission: float = Field(default=0.0, ge=0, lt=0.1, description="Commission as a fraction of notional.")
    commission_fixed: float = Field(default=0.0, ge=0, description="Fixed commission per order.")
    slippage_bps: float = Field(default=0.0, ge=0, le=1000, description="Slippage in basis points.")
    sizing: PositionSizing = Field(default=PositionSizing.FRACTION_OF_EQUITY, description="Position sizing.")
    size: float = Field(default=1.0, gt=0, description="Fraction of equity (<= 1) or fixed units.")
    fractional_units: bool = Field(default=False, description="Allow fractional units (crypto, FX).")
    backtesting_py_sizing: bool = Field(
        default=False,
        description="Size as backtesting.py 0.6.6: the fixed commission reserved per unit, not per order.",
    )
    allow_short: bool = Field(default=False, description="Long/short instead of long-only.")
    fill_timing: FillTiming = Field(default=FillTiming.NEXT_OPEN, description="When market orders fill.")
    entry_order: OrderType = Field(default=OrderType.MARKET, description="Order type of entries.")
    limit_offset_pct: float = Field(default=0.0, ge=0, lt=1, description="Limit distance from the close.")
    stop_offset_pct: float = Field(default=0.0, ge=0, lt=1, description="Stop distance from the close.")
    order_valid_bars: int = Field(default=0, ge=0, description="Expiry of entry orders in bars (0: none).")
    stop_loss_pct: float | None = Field(
        default=None, gt=0, lt=1, validation_alias=AliasChoices("stop_loss_pct", "stop_loss")
    )
    take_profit_pct: float | None = Field(
        default=None, gt=0, validation_alias=AliasChoices("take_profit_pct", "take_profit")
    )
    stop_loss_price: float | None = Field(
        default=None, gt=0, allow_inf_nan=False, description="Stop-loss of every entry at this price."
    )
    take_profit_price: float | None = Field(
        default=None, gt=0, allow_inf_nan=False, description="Take-profit of every entry at this price."
    )
    trailing_stop_pct: float | None = Field(
        default=None, gt=0, lt=1, description="Trailing stop-loss this fraction from each close (> 0, < 1)."
    )
    trailing_stop_atr: float | None = Field(
        default=None,
        gt=0,
        allow_inf_nan=False,
        description="Trailing stop-loss this many ATRs from each close.",
    )
    atr_period: int = Field(default=14, ge=1, le=10_000, description="Bars of the trailing stop's ATR.")
    spread: float = Field(
        default=0.0, ge=0, lt=1, description="Bid-ask spread as a fraction of price, paid on entry."
    )
    margin: float = Field(
        default=1.0, gt=0, le=1, description="Margin requirement in (0, 1]: leverage 1 / margin."
    )
    maintenance_margin: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="Margin call below this fraction of the position's value (0: none).",
    )
    finalize_trades: bool = Field(
        default=False, description="Close a trade still open at the last bar's close."
    )
    pyramiding: int = Field(
        default=1, ge=1, le=100, description="Open trades a side: each +1 / -1 signal adds one up to this."
    )
    hedging: bool = Field(default=False, description="Long and short trades at once (market entries only).")
    risk_free_rate: float = Field(default=0.0, ge=-1, le=1, description="Annual risk-free rate.")
    periods_per_year: float | None = Field(
        default=None,
        gt=0,
        allow_inf_nan=False,
        description="Bars per year for annualized KPIs; unset: (bars - 1) / calendar years of the data.",
    )

    @model_validator(mode="after")
    def _size_is_a_fraction(self) -> "BacktestConfig":
        if self.sizing == PositionSizing.FRACTION_OF_EQUITY and self.size > 1:
            raise ValueError("size: a fraction of equity must be <= 1")
        if self.maintenance_margin > self.margin:
            raise ValueError("maintenance_margin: must be <= margin")
        if (self.pyramiding > 1 or self.hedging) and self.entry_order != OrderType.MARKET:
            raise ValueError("pyramiding / hedging: market entries only")
        return self


class Trade(BaseModel):
    """One closed (or still open) round trip."""

    symbol: str
    side: TradeType = TradeType.LONG
    entry_time: datetime
    exit_time: datetime | None = None
    entry_price: float
    exit_price: float | None = None
    size: float
    pnl: float = 0.0
    return_pct: float = 0.0
    commission: float = 0.0
    duration_bars: int = 0
    exit_reason: ExitReason | None = Field(default=None, description="None while the trade is open.")


class Position(BaseModel):
    """What is held at the end of a run."""

    symbol: str
    side: TradeType = TradeType.LONG
    size: float
    entry_price: float
    entry_time: datetime | None = None
    market_value: float = 0.0


class PerformanceMetrics(BaseModel):
    """The KPI set of a run, keyed as the engine names them (``total_return``, ``sharpe_ratio``, ...).

    Non-finite values are stored as ``None`` so every metric set is valid JSON.
    """

    model_config = ConfigDict(extra="allow")

    @classmethod
    def of(cls, values: dict[str, Any]) -> "PerformanceMetrics":
        return cls(**{str(k): finite_or_none(v) for k, v in values.items()})

    def as_dict(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


def finite_or_none(value: Any) -> Any:
    """Numbers that are NaN or infinite become ``None``; numpy scalars become Python numbers."""
    if hasattr(value, "item") and not isinstance(value, (list, dict)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
