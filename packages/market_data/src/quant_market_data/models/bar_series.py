"""The directory of one bar series: its buckets with their bar counts and first and last bars.

One small document per (symbol, interval), ``_id`` ``SYMBOL|interval``; ``buckets`` maps a bucket's
start (epoch ms, as text) to ``{"count", "first", "last"}`` (epoch ms). Readers pick the buckets of
a range (and count a page's total) from it without touching the bars; writers set one bucket's
entry at a time (``$set`` of ``buckets.<start>``), after writing the bucket.
"""

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import BaseDocument
from quant_shared.enums import DataInterval


class BarSeries(BaseDocument):
    id: str  # type: ignore[assignment]  # SYMBOL|interval
    symbol: str
    interval: DataInterval
    buckets: dict[str, dict[str, int]] = Field(default_factory=dict)

    class Settings:
        name = "bar_series"
        indexes = [IndexModel([("symbol", ASCENDING), ("interval", ASCENDING)])]


def series_id(symbol: str, interval: DataInterval) -> str:
    return f"{symbol}|{interval.value}"
