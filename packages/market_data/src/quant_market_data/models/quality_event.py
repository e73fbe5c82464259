"""A data-quality finding on one bar series, listed and resolvable through the API.

Stored with its ``DataQualityIssueDetected`` event in ``pending_events`` (one write; the outbox relay
publishes it).
"""

from pymongo import ASCENDING, IndexModel

from quant_shared.data_quality import QualityEventFields
from quant_shared.document import BaseDocument
from quant_shared.enums import DataInterval
from quant_shared.events.outbox import OutboxMixin


class DataQualityEvent(OutboxMixin, BaseDocument, QualityEventFields):
    symbol: str
    interval: DataInterval

    class Settings:
        name = "data_quality_events"
        indexes = [
            IndexModel([("symbol", ASCENDING), ("interval", ASCENDING), ("resolved", ASCENDING)]),
        ]
