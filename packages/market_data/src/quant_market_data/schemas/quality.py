"""Data-quality event models."""

from datetime import datetime
from typing import Any

from quant_shared.enums import DataInterval, DataQualityCheck, Severity
from quant_shared.schema import BaseSchema


class QualityEventOut(BaseSchema):
    id: str
    symbol: str
    interval: DataInterval
    check: DataQualityCheck
    severity: Severity
    start: datetime | None
    end: datetime | None
    details: dict[str, Any]
    resolved: bool
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    created_at: datetime

    @classmethod
    def of(cls, event) -> "QualityEventOut":
        return cls(
            id=str(event.id),
            **event.model_dump(exclude={"id", "revision_id", "updated_at", "pending_events"}),
        )


class QualityRunResult(BaseSchema):
    series: int
    events: int
