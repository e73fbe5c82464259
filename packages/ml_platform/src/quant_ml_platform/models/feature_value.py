"""Materialized feature values: one row per (feature version, symbol, bar timestamp)."""

from datetime import datetime
from typing import ClassVar

from beanie import PydanticObjectId
from pymongo import ASCENDING, IndexModel

from quant_ml_platform.engine.feature_checks import FEATURE_VALUE_CHECKS
from quant_shared.data_quality import DataQualityMixin
from quant_shared.document import BaseDocument


class FeatureValue(DataQualityMixin, BaseDocument):
    """``timestamp`` is the bar's open time; ``available_at`` the bar's close, when the value became known.
    Each materialization checks the values it wrote (``FEATURE_VALUE_CHECKS``)."""

    quality_checks: ClassVar[tuple] = FEATURE_VALUE_CHECKS

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
