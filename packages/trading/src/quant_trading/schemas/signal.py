"""Signal API models."""

from datetime import datetime

from quant_shared.enums import SignalType
from quant_shared.schema import BaseSchema


class SignalOut(BaseSchema):
    """The strategy's position signal on a bar; ``strength`` in [0, 1]."""

    strategy_id: str
    symbol: str
    signal: SignalType
    strength: float
    bar_time: datetime
    price: float


class SignalPoint(BaseSchema):
    bar_time: datetime
    signal: SignalType
    strength: float
    price: float


class SignalHistory(BaseSchema):
    strategy_id: str
    symbol: str
    items: list[SignalPoint]
