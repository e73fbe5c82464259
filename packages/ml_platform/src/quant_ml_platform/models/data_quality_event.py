"""A data-quality finding on a feature's values (NaN burst, constant stretch, drift)."""

from typing import Any

from beanie import PydanticObjectId
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import DataQualityCheck, Severity


class DataQualityEvent(OwnedDocument):
    feature_version_id: PydanticObjectId
    feature_ref: str
    symbol: str
    check: DataQualityCheck
    severity: Severity
    message: str
    measurements: dict[str, Any]

    class Settings:
        name = "data_quality_events"
        indexes = [IndexModel([("owner_id", ASCENDING), ("created_at", DESCENDING)])]
