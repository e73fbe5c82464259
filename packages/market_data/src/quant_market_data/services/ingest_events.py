"""``MarketDataIngested``: announced through this domain's outbox when an ingest changed stored bars."""

from datetime import datetime

from pymongo.asynchronous.collection import AsyncCollection

from quant_market_data.engine.columns import BarColumns, ms_to_datetime
from quant_market_data.models import BarBucket
from quant_shared.enums import DataInterval
from quant_shared.events import Event, MarketDataIngested, make_event, record_event
from quant_shared.events.outbox import OUTBOX_COLLECTION

MAX_PARTS = 10


def outbox_collection() -> AsyncCollection:
    """``event_outbox`` in the market-data database (watched by the relay from the start-up hook)."""
    return BarBucket.get_pymongo_collection().database[OUTBOX_COLLECTION]


async def announce_ingest(
    symbol: str,
    interval: DataInterval,
    bars: BarColumns,
    counts: dict[str, int],
    source: str | None = None,
    bars_max: int = 5000,
    previous_end: datetime | None = None,
) -> list[Event]:
    """Record the events when bars were inserted or changed (an identical re-upload announces nothing).

    The events carry the bars (``bar_columns``), so consumers need not read them back: an ingest of more
    than ``bars_max`` bars is announced in parts of at most ``bars_max`` consecutive bars, in time order,
    all in one outbox record (one write). ``bars_max`` 0, or an ingest of more than ``MAX_PARTS``
    parts (the record must stay well under the 16 MB document limit): one event without bars.
    ``previous_end`` is the time of the stored bar just before these bars, if any.
    """
    written = counts.get("inserted", 0) + counts.get("updated", 0)
    if written == 0 or len(bars) == 0:
        return []
    bars = bars.sorted()
    if len(bars) > bars_max * MAX_PARTS:
        bars_max = 0
    size = bars_max or len(bars)
    parts = [bars.take(slice(i, i + size)) for i in range(0, len(bars), size)]
    events = []
    for number, part in enumerate(parts, start=1):
        stamps = [ms_to_datetime(int(part.timestamp[i])) for i in (0, -1)]
        payload = MarketDataIngested(
            symbols=[symbol],
            timeframe=interval.value,
            start=stamps[0],
            end=stamps[-1],
            bars=written,
            source=source,
            bar_columns=part.to_json() if bars_max else None,
            previous_end=previous_end,
            part=number,
            parts=len(parts),
        )
        events.append(make_event(payload, producer="market_data"))
        previous_end = stamps[-1]  # stored now: the bar just before the next part
    await record_event(outbox_collection(), *events)
    return events
