"""Refreshing feature values straight from the bars a ``MarketDataIngested`` event carries.

When the event's bars continue or overlap the stored bar tail (``bar_tails``: the tail reaches the bar
market data stored just before them, ``previous_end``) with enough warm-up before
the first new bar, tail + new bars (new ones win) are materialized from the first new bar on with the
usual code, and the tail advances. Otherwise (no bars, no tail, a gap, a correction too far back) the
versions are left to the lazy path (stale mark, refreshed on the owner's next read).
"""

import logging

import pandas as pd

from quant_ml_platform.engine.transforms import bars_frame
from quant_ml_platform.models.bar_tail import BarTail
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.services.features import bar_tails
from quant_ml_platform.services.features.materialization_service import materialize, max_warmup, ms_to_dt
from quant_shared.enums import DataInterval
from quant_shared.events import MarketDataIngested
from quant_shared.timeutil import as_utc

log = logging.getLogger("quant.ml_platform.events")


def _continues(
    tail: BarTail | None, new: pd.DataFrame, payload: MarketDataIngested, interval: DataInterval, warmup: int
) -> bool:
    """The tail reaches the stored bar just before the new ones (``previous_end``, so weekends and
    holidays are no gap; without it: at most one interval before), with ``warmup`` tail bars before."""
    if tail is None or not tail.bars["timestamp"] or len(new) == 0:
        return False
    stamps = tail.bars["timestamp"]
    first = int(new.index[0])
    before = sum(1 for ts in stamps if ts < first)
    if payload.previous_end is not None:
        reaches = stamps[-1] >= int(as_utc(payload.previous_end).timestamp() * 1000)
    else:
        reaches = stamps[-1] >= first - bar_tails.step_ms(interval)
    return reaches and before >= warmup


async def _forget_if_overlapping(tail: BarTail | None, payload: MarketDataIngested, interval) -> None:
    """An ingest this domain cannot replay that touches the tail's span makes the tail unreliable."""
    if tail is None or not tail.bars["timestamp"]:
        return
    if payload.start is None or as_utc(payload.start) <= ms_to_dt(tail.bars["timestamp"][-1]):
        await bar_tails.forget(tail.symbol, interval)


async def refresh_now(
    event_id: str, payload: MarketDataIngested, symbol: str, versions: list[FeatureVersion]
) -> list[FeatureVersion]:
    """Refresh what the event's bars allow; returns the versions left to the lazy path."""
    try:
        interval = DataInterval(payload.timeframe)
    except ValueError:
        return versions
    tail = await bar_tails.get_tail(symbol, interval)
    marked = [v for v in versions if symbol in v.stale]  # already stale from earlier: stays lazy
    if tail is not None and event_id in tail.applied:
        return marked  # redelivered: its values are stored already
    eager = [v for v in versions if symbol not in v.stale]
    single = payload.bar_columns and len(payload.symbols) == 1  # the bars of one symbol only
    new = bars_frame(payload.bar_columns) if single else pd.DataFrame()
    warmup = max_warmup(eager) if eager else 0
    if not _continues(tail, new, payload, interval, warmup):
        await _forget_if_overlapping(tail, payload, interval)
        return versions
    assert tail is not None
    combined = bar_tails.combine(bars_frame(tail.bars), new)
    start = ms_to_dt(int(new.index[0]))
    if eager:
        await materialize(None, eager, {symbol: combined}, start, event_id=event_id)
    else:
        await bar_tails.remember(symbol, interval, combined, 0, event_id)
    for version in eager:
        log.info("%s@%d %s refreshed from %s", version.feature_name, version.version, symbol, start)
    return marked
