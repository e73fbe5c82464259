"""One OHLCV bar; its quality checks run through the shared data-quality mixin."""

from datetime import datetime
from typing import ClassVar

from pymongo import ASCENDING, IndexModel

from quant_market_data.engine.bar_checks import BAR_CHECKS
from quant_shared.data_quality import DataQualityMixin
from quant_shared.document import BaseDocument
from quant_shared.enums import DataInterval


class Bar(BaseDocument, DataQualityMixin):
    symbol: str
    interval: DataInterval
    timestamp: datetime
    open: float
    high: float
    low: float
    close: float
    volume: float

    quality_checks: ClassVar[tuple] = BAR_CHECKS

    class Settings:
        name = "bars"
        indexes = [
            IndexModel(
                [("symbol", ASCENDING), ("interval", ASCENDING), ("timestamp", ASCENDING)],
                unique=True,
                name="symbol_interval_timestamp",
            )
        ]
