"""The one stored data-quality event: a finding of the mixin's checks on any data document.

Bars, fundamentals and ML feature values all record their findings as this document, announced by a
``DataQualityIssueDetected`` event in the same write (outbox). Beanie binds a document class to one
database, so each domain registers an empty subclass in its own ``models/``::

    class DataQualityEvent(DataQualityEventDocument):
        class Settings:
            name = "data_quality_events"
            indexes = DATA_QUALITY_INDEXES

``QualityEventSink`` stores the findings of one series (the ``QualitySink`` the mixin's
``record_quality`` takes); ``quality_query`` and ``resolve_quality_event`` are the one way events are
listed and resolved, and ``DataQualityEventOut`` the one response shape.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Self

from beanie import PydanticObjectId
from pydantic import Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.data_quality import QualityEventFields, QualityFinding
from quant_shared.document import BaseDocument
from quant_shared.enums import DataInterval, DataQualityCheck, DataQualityDataset, Severity
from quant_shared.errors import NotFoundError
from quant_shared.events.outbox import OutboxMixin
from quant_shared.events.quality import quality_issue_event, quality_message
from quant_shared.schema import BaseSchema

DATA_QUALITY_INDEXES = [
    IndexModel([("symbol", ASCENDING), ("dataset", ASCENDING), ("resolved", ASCENDING)]),
    IndexModel([("owner_id", ASCENDING), ("created_at", DESCENDING)]),
]


class DataQualityEventDocument(OutboxMixin, BaseDocument, QualityEventFields):
    dataset: DataQualityDataset
    symbol: str
    interval: DataInterval | None = None
    series: str | None = Field(
        default=None, description="Which series of the symbol: a feature version or a fundamental period."
    )
    owner_id: str | None = Field(default=None, description="The user whose data it is; none for market data.")
    message: str = ""

    @classmethod
    def announced(cls, finding: QualityFinding, producer: str, subject: Mapping[str, Any]) -> Self:
        """The stored finding carrying its ``DataQualityIssueDetected`` (one insert for both)."""
        interval = subject.get("interval")
        doc = cls(
            id=PydanticObjectId(),
            message=finding.message
            or quality_message(finding, subject["symbol"], interval and str(interval)),
            **{k: subject.get(k) for k in ("dataset", "symbol", "interval", "series", "owner_id")},
            **finding.model_dump(exclude={"message"}),
        )
        doc.pending_events = [
            quality_issue_event(
                finding,
                dataset=str(doc.dataset),
                producer=producer,
                document_id=str(doc.id),
                symbol=doc.symbol,
                interval=interval and str(interval),
                owner_id=doc.owner_id,
            )
        ]
        return doc


def series_query(subject: Mapping[str, Any]) -> dict[str, Any]:
    """The unresolved events of the subject's series (dataset, symbol, interval, series, owner)."""
    query = {k: subject.get(k) for k in ("dataset", "symbol", "interval", "series", "owner_id")}
    return {**{k: (str(v) if v is not None else None) for k, v in query.items()}, "resolved": False}


class QualityEventSink:
    """Stores the findings of one series. Re-checking replaces its unresolved events: all of them, or
    with ``subject["window"]`` (first, last) those inside the window and its staleness event; with
    ``subject["checks"]`` only events of those checks."""

    def __init__(self, document: type[DataQualityEventDocument], producer: str) -> None:
        self.document, self.producer = document, producer

    async def record(self, findings: list[QualityFinding], subject: Mapping[str, Any]) -> int:
        await self.document.find(self._replaced(subject)).delete()
        events = [self.document.announced(f, self.producer, subject) for f in findings]
        if events:
            await self.document.insert_many(events)
        return len(events)

    @staticmethod
    def _replaced(subject: Mapping[str, Any]) -> dict[str, Any]:
        query = series_query(subject)
        window, checks = subject.get("window"), subject.get("checks")
        if window is not None:
            inside = {"start": {"$gte": window[0]}, "end": {"$lte": window[1]}}
            query["$or"] = [inside, {"check": DataQualityCheck.STALE.value}]
        if checks is not None:
            query["check"] = {"$in": [str(c) for c in checks]}
        return query


def quality_query(**filters: Any) -> dict[str, Any]:
    """The find filter of the events matching every given (not ``None``) filter."""
    query: dict[str, Any] = {}
    for name, value in filters.items():
        if value is None:
            continue
        query[name] = value if isinstance(value, bool) else str(value)
    if "symbol" in query:
        query["symbol"] = query["symbol"].upper()
    return query


async def resolve_quality_event(
    document: type[DataQualityEventDocument], query: dict[str, Any], by: str
) -> DataQualityEventDocument:
    """Resolve the one event matching ``query`` (its ``_id`` and the caller's scope); 404 otherwise."""
    event = await document.find_one(query)
    if event is None:
        raise NotFoundError(f"Quality event {query.get('_id')} not found")
    if not event.resolved:
        event.mark_resolved(by)
        fields = {k: getattr(event, k) for k in ("resolved", "resolved_at", "resolved_by")}
        # update operators, not save(): a stale copy would bring back its already published event
        await document.find_one({"_id": event.id}).update({"$set": fields})
    return event


class DataQualityEventOut(BaseSchema):
    id: str
    dataset: DataQualityDataset
    symbol: str
    interval: DataInterval | None
    series: str | None
    check: DataQualityCheck
    severity: Severity
    message: str
    start: datetime | None
    end: datetime | None
    details: dict[str, Any]
    resolved: bool
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    created_at: datetime

    @classmethod
    def of(cls, event: DataQualityEventDocument) -> "DataQualityEventOut":
        exclude = {"id", "revision_id", "updated_at", "pending_events", "owner_id"}
        return cls(id=str(event.id), **event.model_dump(exclude=exclude))
