"""Market data's binding of the one data-quality event (bars and fundamentals findings).

Stored with its ``DataQualityIssueDetected`` event in ``pending_events`` (one write; the outbox relay
publishes it). The fields are the shared ``DataQualityEventDocument``'s.
"""

from quant_shared.data_quality_event import DATA_QUALITY_INDEXES, DataQualityEventDocument


class DataQualityEvent(DataQualityEventDocument):
    class Settings:
        name = "data_quality_events"
        indexes = DATA_QUALITY_INDEXES
