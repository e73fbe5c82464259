"""A data-quality issue announced by another domain (``DataQualityIssueDetected``), kept for dashboards."""

from datetime import datetime
from typing import Any

from pydantic import Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.document import BaseDocument
from quant_shared.enums import Severity


class QualityNotice(BaseDocument):
    key: str = Field(
        description="owner|dataset|symbol|interval|check|start: one notice per issue, however often seen."
    )
    owner_id: str | None = Field(
        default=None, description="Whose data it is (ML features); none: market data."
    )
    event_id: str
    dataset: str
    symbol: str | None = None
    check: str
    severity: Severity
    message: str
    details: dict[str, Any] = Field(default_factory=dict)
    detected_at: datetime

    class Settings:
        name = "quality_notices"
        indexes = [
            IndexModel([("key", ASCENDING)], unique=True),
            IndexModel([("symbol", ASCENDING), ("detected_at", DESCENDING)]),
        ]
