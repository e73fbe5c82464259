"""Stored quality findings of bars and fundamentals: the listing query and resolving one."""

from beanie import PydanticObjectId

from quant_market_data.models import DataQualityEvent
from quant_shared.data_quality_event import QualityEventSink, quality_query, resolve_quality_event
from quant_shared.enums import DataInterval, DataQualityCheck, DataQualityDataset, Severity

PRODUCER = "market_data"


def event_sink() -> QualityEventSink:
    return QualityEventSink(DataQualityEvent, PRODUCER)


def find_events(
    dataset: DataQualityDataset | None,
    symbol: str | None,
    interval: DataInterval | None,
    check: DataQualityCheck | None,
    severity: Severity | None,
    resolved: bool | None,
):
    """The find query of the findings matching every given filter."""
    filters = quality_query(
        dataset=dataset, symbol=symbol, interval=interval, check=check, severity=severity, resolved=resolved
    )
    return DataQualityEvent.find(filters)


async def resolve_event(event_id: PydanticObjectId, by: str) -> DataQualityEvent:
    return await resolve_quality_event(DataQualityEvent, {"_id": event_id}, by)
