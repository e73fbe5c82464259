"""Paper-run API models: the request, list rows, the detail with books, fills and equity points."""

import re
from datetime import datetime
from typing import Any

from pydantic import AliasChoices, Field, field_validator

from quant_shared.enums import (
    DataInterval,
    ExitReason,
    OrderPurpose,
    OrderSide,
    OrderType,
    PaperFillAction,
    PaperRunStatus,
    PaperStopCause,
    StrategyType,
)
from quant_shared.schema import BaseSchema
from quant_trading.models import BacktestConfig
from quant_trading.models.paper_run import PaperRisk
from quant_trading.schemas.backtest import SYMBOL_PATTERN, normalize_symbols


class PaperRunCreate(BaseSchema):
    """Run a stored strategy, a type with parameters, a rule ``spec``, or a backtest's exact strategy and
    config (``backtest_id``) forward on appended bars."""

    name: str | None = Field(default=None, max_length=120)
    backtest_id: str | None = Field(default=None, max_length=64)
    strategy_id: str | None = Field(default=None, max_length=64)
    strategy_type: StrategyType | None = None
    parameters: dict[str, Any] | None = None
    spec: dict[str, Any] | None = None
    ml_model: str | None = Field(default=None, max_length=120)
    symbols: list[str] | None = Field(default=None, min_length=1, max_length=20)
    interval: DataInterval | None = None
    start: datetime | None = Field(
        default=None, description="Run from this bar time on (history replayed at once); default: now."
    )
    config: BacktestConfig | None = Field(default=None, description="Starting cash and order settings.")
    risk: PaperRisk = Field(default_factory=PaperRisk)

    @field_validator("symbols")
    @classmethod
    def _symbols(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        for symbol in value:
            if not re.match(SYMBOL_PATTERN, symbol.strip()):
                raise ValueError(f"invalid symbol {symbol!r}")
        return normalize_symbols(value)


class PaperBookOut(BaseSchema):
    symbol: str
    last_bar_time: datetime | None
    bars: int
    cash: float
    equity: float
    position: dict[str, Any] | None
    trades: int
    realized_pnl: float


class PaperOrderOut(BaseSchema):
    """An order still working after the book's last bar: a pending entry (its prices, own levels and
    the bars it may still fill in), a signal exit queued for the next open, or the open trade's
    stop-loss (at its trailed level) and take-profit."""

    symbol: str
    purpose: OrderPurpose
    side: OrderSide
    order_type: OrderType
    placed_time: datetime
    limit_price: float | None = None
    stop_price: float | None = None
    units: float | None = Field(default=None, description="Units an exit or protective order closes.")
    size: float | None = Field(default=None, description="An entry's own size (None: the config's).")
    stop_loss: float | None = None
    take_profit: float | None = None
    bars_left: int | None = Field(default=None, description="Bars an entry may still fill in.")


class PaperRunOut(BaseSchema):
    id: str = Field(validation_alias=AliasChoices("id", "_id"))
    name: str
    strategy_id: str | None
    backtest_id: str | None
    strategy_type: StrategyType
    symbols: list[str]
    interval: DataInterval
    start: datetime
    status: PaperRunStatus
    stop_cause: PaperStopCause | None
    stop_reason: str | None
    created_at: datetime
    stopped_at: datetime | None

    @field_validator("id", mode="before")
    @classmethod
    def _text(cls, value: Any) -> str:
        return str(value)


class PaperRunDetail(PaperRunOut):
    parameters: dict[str, Any]
    config: BacktestConfig
    risk: PaperRisk
    initial_cash: float
    cash: float
    equity: float
    pnl: float
    positions: list[dict[str, Any]]
    open_orders: list[PaperOrderOut]
    books: list[PaperBookOut]


class PaperFillOut(BaseSchema):
    symbol: str
    trade: int
    part: int = 0
    action: PaperFillAction
    side: OrderSide
    time: datetime
    price: float
    units: float
    commission: float | None
    pnl: float | None
    reason: ExitReason | None


class PaperEquityOut(BaseSchema):
    symbol: str
    time: datetime
    equity: float
    units: float
