"""Stored quality findings: the listing query and resolving one."""

from typing import Any

from beanie import PydanticObjectId

from quant_market_data.models import DataQualityEvent
from quant_shared.enums import DataInterval, DataQualityCheck, Severity
from quant_shared.errors import NotFoundError


def find_events(
    symbol: str | None,
    interval: DataInterval | None,
    check: DataQualityCheck | None,
    severity: Severity | None,
    resolved: bool | None,
):
    """The find query of the findings matching every given filter."""
    query: dict[str, Any] = {}
    for name, value in (("symbol", symbol and symbol.upper()), ("interval", interval), ("check", check)):
        if value is not None:
            query[name] = str(value)
    if severity is not None:
        query["severity"] = severity.value
    if resolved is not None:
        query["resolved"] = resolved
    return DataQualityEvent.find(query)


async def resolve_event(event_id: PydanticObjectId, by: str) -> DataQualityEvent:
    event = await DataQualityEvent.get(event_id)
    if event is None:
        raise NotFoundError(f"Quality event {event_id} not found")
    if not event.resolved:
        event.mark_resolved(by)
        fields = {k: getattr(event, k) for k in ("resolved", "resolved_at", "resolved_by")}
        # update operators, not save(): a stale copy would bring back its already published event
        await DataQualityEvent.find_one({"_id": event.id}).update({"$set": fields})
    return event
