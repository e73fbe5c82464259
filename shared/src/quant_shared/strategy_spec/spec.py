"""The strategy spec document: indicators plus entry/exit conditions."""

import re
from typing import Any

from pydantic import Field, field_validator, model_validator

from quant_shared.enums import IndicatorKind, PriceField
from quant_shared.schema import BaseSchema
from quant_shared.strategy_spec.conditions import AllOf, AnyOf, Compare, Condition, Cross, Not
from quant_shared.strategy_spec.orders import OrderRules

_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,39}$")
_PRICE_FIELDS = {f.value for f in PriceField}


class IndicatorSpec(BaseSchema):
    """One named indicator series, e.g. ``{"id": "fast", "kind": "sma", "period": 10}``."""

    id: str = Field(description="Name used by conditions (letters, digits, underscore).")
    kind: IndicatorKind
    source: PriceField = PriceField.CLOSE
    period: int = Field(default=14, ge=1, le=5000)
    fast: int = Field(default=12, ge=1, le=5000, description="MACD fast period.")
    slow: int = Field(default=26, ge=2, le=5000, description="MACD slow period.")
    signal: int = Field(default=9, ge=1, le=5000, description="MACD signal period.")
    num_std: float = Field(default=2.0, gt=0, le=10, description="Bollinger band width in std devs.")

    @field_validator("id")
    @classmethod
    def _valid_id(cls, value: str) -> str:
        if not _ID.match(value) or value in _PRICE_FIELDS:
            raise ValueError("must be an identifier (letters, digits, _) and not a price field name")
        return value


class StrategySpec(BaseSchema):
    """A long/short rule strategy. A missing exit means: exit on the opposite entry only."""

    version: int = Field(default=1, ge=1, le=1)
    name: str | None = Field(default=None, max_length=120)
    indicators: list[IndicatorSpec] = Field(default_factory=list, max_length=50)
    entry_long: Condition | None = None
    exit_long: Condition | None = None
    entry_short: Condition | None = None
    exit_short: Condition | None = None
    orders: OrderRules | None = Field(
        default=None, description="The strategy's order rules; each one set wins over the config's."
    )

    @model_validator(mode="after")
    def _check_references(self) -> "StrategySpec":
        ids = [ind.id for ind in self.indicators]
        dupes = {i for i in ids if ids.count(i) > 1}
        if dupes:
            raise ValueError(f"duplicate indicator ids: {sorted(dupes)}")
        if self.entry_long is None and self.entry_short is None:
            raise ValueError("at least one of entry_long / entry_short is required")
        known = set(ids) | _PRICE_FIELDS
        refs = {
            n: _references(getattr(self, n)) for n in ("entry_long", "exit_long", "entry_short", "exit_short")
        }
        if self.orders is not None:
            refs.update(self.orders.references())
            if self.orders.scale_out is not None:
                refs["orders.scale_out.when"] = _references(self.orders.scale_out.when)
        for name, names in refs.items():
            for ref in names:
                if ref not in known:
                    raise ValueError(f"{name}: unknown operand {ref!r} (not an indicator id or price field)")
        return self


def _references(cond: Any) -> list[str]:
    if isinstance(cond, (Compare, Cross)):
        return [x for x in (cond.left, cond.right) if isinstance(x, str)]
    if isinstance(cond, (AllOf, AnyOf)):
        return [r for sub in cond.conditions for r in _references(sub)]
    if isinstance(cond, Not):
        return _references(cond.condition)
    return []
