"""``MarketDataIngested`` -> the affected materialized feature values are refreshed.

Every feature version materialized for an ingested symbol and interval is refreshed at once when the
event carries the bars and they continue the stored bar tail (``eager_refresh``). Otherwise it is
marked stale from the first ingested bar (``FeatureVersion.stale``; idempotent, keyed by symbol): bars
are read from market data with the owner's token, which an event does not carry, so that
re-materialization runs before the owner's next read of those values (``/features/latest``,
``/features/point-in-time``, predictions and signals, training, evaluations, data-quality checks).
"""

import logging
from datetime import datetime

from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.services.bars_client import BarsClient
from quant_ml_platform.services.features.eager_refresh import refresh_now
from quant_ml_platform.services.features.materialization_service import load_bars, materialize, max_warmup
from quant_shared.events import Event, MarketDataIngested, payload_of
from quant_shared.timeutil import as_utc

log = logging.getLogger("quant.ml_platform.events")


def _earlier(a: datetime | None, b: datetime | None) -> datetime | None:
    """The earlier start; ``None`` (the whole series) wins."""
    if a is None or b is None:
        return None
    return min(as_utc(a), as_utc(b))


async def on_market_data_ingested(event: Event) -> None:
    payload = payload_of(event)
    assert isinstance(payload, MarketDataIngested)
    for symbol in payload.symbols:
        query = {"interval": payload.timeframe, f"materialized.{symbol}": {"$exists": True}}
        versions = await FeatureVersion.find(query).to_list()
        for version in await refresh_now(event.id, payload, symbol, versions):
            mark = version.stale.get(symbol)
            start = payload.start if mark is None else _earlier(mark.get("from"), payload.start)
            await FeatureVersion.find_one(FeatureVersion.id == version.id).update(
                {"$set": {f"stale.{symbol}": {"from": start, "event_id": event.id}}}
            )
            log.info("%s@%d %s stale from %s", version.feature_name, version.version, symbol, start)


async def refresh_symbols(versions: list[FeatureVersion], symbols: list[str], bars: BarsClient | None) -> int:
    """``refresh_stale`` for each symbol (before values are read: serving, training, evaluations);
    without a bars client (no caller's token) nothing is refreshed."""
    if bars is None:
        return 0
    return sum([await refresh_stale(versions, symbol, bars) for symbol in symbols])


async def refresh_stale(versions: list[FeatureVersion], symbol: str, bars: BarsClient) -> int:
    """Re-materialize ``symbol`` for the given versions marked stale; returns how many were refreshed."""
    ids = [v.id for v in versions]
    stale = await FeatureVersion.find({"_id": {"$in": ids}, f"stale.{symbol}": {"$exists": True}}).to_list()
    for version in stale:
        mark = version.stale[symbol]
        start = as_utc(mark["from"]) if mark.get("from") else None
        frames = await load_bars(bars, [symbol], version.interval, start, None, max_warmup([version]))
        await materialize(None, [version], frames, start)
        # a newer mark set meanwhile stays (only this mark is cleared)
        await FeatureVersion.find_one(
            {"_id": version.id, f"stale.{symbol}.event_id": mark["event_id"]}
        ).update({"$unset": {f"stale.{symbol}": ""}})
    return len(stale)
