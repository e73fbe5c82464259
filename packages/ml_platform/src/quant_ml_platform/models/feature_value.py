"""Materialized feature values: one row per (feature version, symbol, bar timestamp)."""

from datetime import datetime

from beanie import PydanticObjectId
from pymongo import ASCENDING, IndexModel

from quant_shared.document import BaseDocument


class FeatureValue(BaseDocument):
    """``timestamp`` is the bar's open time; ``available_at`` the bar's close, when the value became known."""

    version_id: PydanticObjectId
    symbol: str
    timestamp: datetime
    available_at: datetime
    value: float | None

    class Settings:
        name = "feature_values"
        indexes = [
            IndexModel(
                [("version_id", ASCENDING), ("symbol", ASCENDING), ("timestamp", ASCENDING)], unique=True
            ),
            IndexModel([("version_id", ASCENDING), ("symbol", ASCENDING), ("available_at", ASCENDING)]),
        ]
