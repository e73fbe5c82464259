"""``MarketDataIngested``: announced through this domain's outbox when an ingest changed stored bars."""

from pymongo.asynchronous.collection import AsyncCollection

from quant_market_data.engine.columns import BarColumns
from quant_market_data.models import Bar
from quant_shared.enums import DataInterval
from quant_shared.events import Event, MarketDataIngested, make_event, record_event
from quant_shared.events.outbox import OUTBOX_COLLECTION


def outbox_collection() -> AsyncCollection:
    """``event_outbox`` in the market-data database (watched by the relay from the start-up hook)."""
    return Bar.get_pymongo_collection().database[OUTBOX_COLLECTION]


async def announce_ingest(
    symbol: str,
    interval: DataInterval,
    bars: BarColumns,
    counts: dict[str, int],
    source: str | None = None,
    bars_max: int = 5000,
) -> Event | None:
    """Record the event when bars were inserted or changed (an identical re-upload announces nothing).

    An ingest of at most ``bars_max`` bars carries them (``bar_columns``), so consumers need not read
    them back; a larger one carries none.
    """
    written = counts.get("inserted", 0) + counts.get("updated", 0)
    if written == 0 or len(bars) == 0:
        return None
    bars = bars.sorted()
    first, last = bars.datetimes()[0], bars.datetimes()[-1]
    before = {"symbol": symbol, "interval": interval, "timestamp": {"$lt": first}}
    previous = await Bar.find(before).sort("-timestamp").limit(1).to_list()
    payload = MarketDataIngested(
        symbols=[symbol],
        timeframe=interval.value,
        start=first,
        end=last,
        bars=written,
        source=source,
        bar_columns=bars.to_json() if len(bars) <= bars_max else None,
        previous_end=previous[0].timestamp if previous else None,
    )
    event = make_event(payload, producer="market_data")
    await record_event(outbox_collection(), event)
    return event
