"""A data-quality finding on one bar series, listed and resolvable through the API."""

from pymongo import ASCENDING, IndexModel

from quant_shared.data_quality import QualityEventFields
from quant_shared.document import BaseDocument
from quant_shared.enums import DataInterval


class DataQualityEvent(BaseDocument, QualityEventFields):
    symbol: str
    interval: DataInterval

    class Settings:
        name = "data_quality_events"
        indexes = [
            IndexModel([("symbol", ASCENDING), ("interval", ASCENDING), ("resolved", ASCENDING)]),
        ]
