"""Bars stored for bulk reads: one document per (symbol, interval, period) holding compressed columns.

MongoDB's bucket pattern (as Arctic's chunk store kept data frames on MongoDB): a period spans
``BUCKET_BARS`` intervals from an epoch-aligned start, so the bucket of any bar is known without a
query and its ``_id`` is ``SYMBOL|interval|start_ms``. Columns are Blosc2-compressed arrays
(``quant_shared/columns_codec.py``); ``scales`` gives each price column's decimal places.
``version`` grows with every rewrite (writers compare and set it). The bar quality checks run
through the shared data-quality mixin of this document.
"""

from datetime import datetime
from typing import ClassVar

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_market_data.engine.bar_checks import BAR_CHECKS
from quant_shared.data_quality import DataQualityMixin
from quant_shared.document import BaseDocument
from quant_shared.enums import DataInterval

BUCKET_BARS = 10_000


class BarBucket(BaseDocument, DataQualityMixin):
    id: str  # type: ignore[assignment]  # SYMBOL|interval|start_ms
    symbol: str
    interval: DataInterval
    start: datetime = Field(description="Start of the bucket's period.")
    first: datetime = Field(description="First stored bar.")
    last: datetime = Field(description="Last stored bar.")
    size: int = Field(description="Bars stored.")
    version: int = 1
    timestamp: bytes
    open: bytes
    high: bytes
    low: bytes
    close: bytes
    volume: bytes
    scales: dict[str, int]

    quality_checks: ClassVar[tuple] = BAR_CHECKS

    class Settings:
        name = "bar_buckets"
        indexes = [IndexModel([("symbol", ASCENDING), ("interval", ASCENDING), ("start", ASCENDING)])]


def bucket_span_ms(interval: DataInterval) -> int:
    return interval.seconds * 1000 * BUCKET_BARS


def bucket_id(symbol: str, interval: DataInterval, start_ms: int) -> str:
    return f"{symbol}|{interval.value}|{start_ms}"
