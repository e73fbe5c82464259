"""Latest quote with the day change."""

from datetime import datetime

from quant_shared.schema import BaseSchema


class QuoteOut(BaseSchema):
    symbol: str
    last: float
    previous_close: float | None
    change: float | None
    change_pct: float | None
    timestamp: datetime
