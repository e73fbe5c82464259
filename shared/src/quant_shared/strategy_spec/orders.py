"""The order rules a strategy spec may carry: entry order type, protective levels, size, scaling out.

Each rule set here wins over the backtest's (or paper run's) config value of the same name, as a
backtesting.py strategy's ``self.buy(sl=, tp=, size=)`` wins over the ``Backtest`` defaults; the
account settings (cash, costs, spread, margin, fill timing, hedging, finalize_trades) stay in the
config. Levels ``*_at`` name an indicator id or price field: its value on the signal bar is the
absolute stop-loss / take-profit price of the entry that bar places.
"""

from typing import Any

from pydantic import Field

from quant_shared.enums import OrderType
from quant_shared.schema import BaseSchema
from quant_shared.strategy_spec.conditions import Condition


class SideLevels(BaseSchema):
    """Absolute levels of one side's entries, read from a series on the signal bar."""

    stop_loss_at: str | None = Field(default=None, description="Indicator id or price field.")
    take_profit_at: str | None = Field(default=None, description="Indicator id or price field.")


class ScaleOut(BaseSchema):
    """Close ``fraction`` of every open trade at the next fill on each bar where ``when`` holds."""

    when: Condition
    fraction: float = Field(gt=0, le=1)


class OrderRules(BaseSchema):
    """The strategy's own order rules; every field left out keeps the config's value."""

    entry_order: OrderType | None = None
    limit_offset_pct: float | None = Field(default=None, ge=0, lt=1)
    stop_offset_pct: float | None = Field(default=None, ge=0, lt=1)
    order_valid_bars: int | None = Field(default=None, ge=0)
    stop_loss_pct: float | None = Field(default=None, gt=0, lt=1)
    take_profit_pct: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    trailing_stop_pct: float | None = Field(default=None, gt=0, lt=1)
    trailing_stop_atr: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    atr_period: int | None = Field(default=None, ge=1, le=10_000)
    size: float | None = Field(
        default=None, gt=0, allow_inf_nan=False, description="As the config's sizing reads it."
    )
    pyramiding: int | None = Field(default=None, ge=1, le=100)
    long: SideLevels | None = None
    short: SideLevels | None = None
    scale_out: ScaleOut | None = None

    def settings(self) -> dict[str, Any]:
        """The engine config fields these rules set."""
        return self.model_dump(exclude_none=True, exclude={"long", "short", "scale_out"})

    def references(self) -> dict[str, list[str]]:
        """Series names per rule path, for the spec's reference check (``scale_out.when`` aside)."""
        out: dict[str, list[str]] = {}
        for side in ("long", "short"):
            levels = getattr(self, side)
            for key in ("stop_loss_at", "take_profit_at"):
                name = getattr(levels, key) if levels is not None else None
                if name is not None:
                    out[f"orders.{side}.{key}"] = [name]
        return out
