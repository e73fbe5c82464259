"""The ML platform's binding of the one data-quality event: findings on a user's feature values
(NaN bursts, constant stretches, drift), with ``owner_id`` set and ``series`` the feature version."""

from quant_shared.data_quality_event import DATA_QUALITY_INDEXES, DataQualityEventDocument


class DataQualityEvent(DataQualityEventDocument):
    class Settings:
        name = "data_quality_events"
        indexes = DATA_QUALITY_INDEXES
