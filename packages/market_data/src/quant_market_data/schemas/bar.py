"""Bar request/response models."""

from datetime import datetime
from typing import Any

from pydantic import Field

from quant_shared.enums import DataInterval
from quant_shared.schema import BaseSchema


class BarOut(BaseSchema):
    timestamp: datetime
    open: float
    high: float
    low: float
    close: float
    volume: float


class ColumnarBars(BaseSchema):
    """Arrays per field, ascending; ``timestamp`` in epoch milliseconds."""

    symbol: str
    interval: DataInterval
    count: int
    timestamp: list[int]
    open: list[float]
    high: list[float]
    low: list[float]
    close: list[float]
    volume: list[float]


class BarUpload(BaseSchema):
    """Rows are validated by the service so every bad row is reported with its reason."""

    interval: DataInterval
    bars: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=2_000_000,
        description="Rows {timestamp (ISO-8601 or epoch s/ms), open, high, low, close, volume[, interval]}.",
    )


class BarUploadResult(BaseSchema):
    symbol: str
    interval: DataInterval
    received: int
    inserted: int
    updated: int
    unchanged: int
    quality_events: int
