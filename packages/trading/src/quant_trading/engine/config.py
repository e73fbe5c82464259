"""Execution settings of the engine (Pydantic, JSON-friendly)."""

import sys

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, model_validator

from quant_shared.enums import FillTiming, OrderType, PositionSizing

# backtesting.py's default order size: "all available cash" expressed as the largest fraction < 1.
BACKTESTING_PY_SIZE = 1 - sys.float_info.epsilon


class EngineConfig(BaseModel):
    """How orders are sized, filled and charged.

    * ``commission`` is a fraction of the traded notional, charged on entry and on exit;
      ``commission_fixed`` is a cash amount per order (entry and exit each count as one order).
    * ``slippage_bps`` worsens market and stop fills (including stop-losses) by this many basis points;
      limit fills (entries and take-profits) fill at their price or better, without slippage.
    * ``sizing``: ``fraction_of_equity`` spends ``size`` x available equity on units and the order's
      fees (whole units unless ``fractional_units``), ``fixed_units`` buys ``size`` units.
      ``backtesting_py_sizing`` sizes as backtesting.py 0.6.6 does instead: each unit costs
      ``fill + commission_fixed / size + fill x commission`` (the fixed fee reserved once per unit).
    * ``fill_timing``: market orders fill at the next bar's open (default) or at the signal bar's close.
    * ``entry_order``: the order type used for entries; limit prices sit ``limit_offset_pct`` below
      (long) / above (short) the signal bar's close, stop prices ``stop_offset_pct`` above / below it;
      a stop-limit order's limit is ``limit_offset_pct`` beyond its stop. Exits on signals are market.
    * ``stop_loss_pct`` / ``take_profit_pct`` attach protective orders to every position, as a
      fraction of the entry price; ``stop_loss_price`` / ``take_profit_price`` at absolute levels
      (per order: ``run_targets(..., stop_loss=, take_profit=, size=)``, which win over both).
    * ``trailing_stop_pct`` / ``trailing_stop_atr``: a stop-loss moved at each close to ``pct`` below
      the close (long; above for shorts) or ``k`` x ATR(``atr_period``) from it, only when tighter.
    * ``spread``: the bid-ask spread as a fraction of price, paid on entry (backtesting.py's ``spread``).
    * ``margin``: the margin requirement (leverage 1 / margin); equity <= 0 at a close liquidates and
      ends the run; ``maintenance_margin`` > 0 also closes the position (a margin call, exit reason
      ``liquidation``) when equity falls below that fraction of the position's value at a close.
    * ``finalize_trades`` closes a position still open at the last bar's close (``end_of_data``).
    * ``pyramiding`` > 1: each +1 (-1) target adds a trade while fewer are open on that side; with
      ``hedging`` a +1 keeps the short trades (else it closes them first); market entries only.
      ``run_targets(..., close_fraction=)`` closes a share of every open trade (backtesting.py's
      ``Position.close(portion)``).
    """

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    initial_cash: float = Field(default=10_000.0, gt=0, description="Starting cash.")
    commission: float = Field(default=0.0, ge=0, lt=0.1, description="Fraction of notional per order.")
    commission_fixed: float = Field(default=0.0, ge=0, description="Cash per order.")
    slippage_bps: float = Field(default=0.0, ge=0, le=1000, description="Adverse slippage in bps.")
    sizing: PositionSizing = PositionSizing.FRACTION_OF_EQUITY
    size: float = Field(default=1.0, gt=0, description="Fraction of equity (<= 1) or units.")
    fractional_units: bool = Field(default=False, description="Allow fractional units (crypto, FX).")
    backtesting_py_sizing: bool = Field(
        default=False, description="Reserve the fixed commission once per unit, as backtesting.py does."
    )
    allow_short: bool = Field(default=False, description="Long/short instead of long-only.")
    fill_timing: FillTiming = FillTiming.NEXT_OPEN
    trade_on_close: bool = Field(default=False, description="Shortcut for fill_timing=this_close.")
    entry_order: OrderType = OrderType.MARKET
    limit_offset_pct: float = Field(default=0.0, ge=0, lt=1)
    stop_offset_pct: float = Field(default=0.0, ge=0, lt=1)
    order_valid_bars: int = Field(
        default=0, ge=0, description="Expiry of entry orders in bars (0: until filled)."
    )
    stop_loss_pct: float | None = Field(
        default=None, gt=0, lt=1, validation_alias=AliasChoices("stop_loss_pct", "stop_loss")
    )
    take_profit_pct: float | None = Field(
        default=None, gt=0, validation_alias=AliasChoices("take_profit_pct", "take_profit")
    )
    stop_loss_price: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    take_profit_price: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    trailing_stop_pct: float | None = Field(default=None, gt=0, lt=1)
    trailing_stop_atr: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    atr_period: int = Field(default=14, ge=1, le=10_000, description="ATR bars of the trailing stop.")
    spread: float = Field(default=0.0, ge=0, lt=1, description="Bid-ask spread (fraction of price).")
    margin: float = Field(default=1.0, gt=0, le=1, description="Margin requirement: 1 / leverage.")
    maintenance_margin: float = Field(default=0.0, ge=0, le=1, description="0: only equity <= 0.")
    finalize_trades: bool = Field(default=False, description="Close the open trade at the last close.")
    pyramiding: int = Field(default=1, ge=1, le=100, description="Open trades a side (+1 adds one).")
    hedging: bool = Field(default=False, description="Long and short trades at once.")
    periods_per_year: float | None = Field(
        default=None, gt=0, allow_inf_nan=False, description="Bars per year; None: from the calendar."
    )
    risk_free_rate: float = Field(default=0.0, ge=-1, le=1, description="Annual risk-free rate.")
    n_trials: int = Field(default=1, ge=1, description="Trials behind this run (deflated Sharpe ratio).")
    bootstrap_samples: int = Field(default=500, ge=0, le=100_000, description="0 disables bootstrap CIs.")
    seed: int = Field(default=7, description="Seed of the bootstrap.")

    @model_validator(mode="after")
    def _consistent(self) -> "EngineConfig":
        if self.trade_on_close:
            self.fill_timing = FillTiming.THIS_CLOSE
        if self.sizing == PositionSizing.FRACTION_OF_EQUITY and self.size > 1:
            raise ValueError("size: a fraction of equity must be <= 1")
        if self.maintenance_margin > self.margin:
            raise ValueError("maintenance_margin: must be <= margin")
        if (self.pyramiding > 1 or self.hedging) and self.entry_order != OrderType.MARKET:
            raise ValueError("pyramiding / hedging: market entries only")
        return self

    @property
    def slippage(self) -> float:
        return self.slippage_bps / 10_000.0

    @classmethod
    def backtesting_py(cls, **overrides: object) -> "EngineConfig":
        """The settings of ``backtesting.Backtest(..., exclusive_orders=True)`` (0.6.x defaults).

        All available cash in whole units (``size = 1 - eps``, a fixed fee reserved once per unit),
        market orders at the next open, commission charged on entry and exit, long/short, an opposite
        signal closing the open trade first.
        """
        values: dict[str, object] = {
            "initial_cash": 10_000.0,
            "sizing": PositionSizing.FRACTION_OF_EQUITY,
            "size": BACKTESTING_PY_SIZE,
            "backtesting_py_sizing": True,
            "allow_short": True,
            "fill_timing": FillTiming.NEXT_OPEN,
        }
        values.update(overrides)
        return cls(**values)
