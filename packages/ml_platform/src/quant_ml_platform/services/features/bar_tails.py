"""Keeping each (symbol, interval)'s bar tail: the newest bars materialization used, never going back."""

import pandas as pd

from quant_ml_platform.engine.transforms import bars_frame
from quant_ml_platform.models.bar_tail import BarTail
from quant_shared.enums import DataInterval

TAIL_MARGIN = 100  # bars kept beyond the longest warm-up (EWM-based features settle over it)
APPLIED_KEPT = 50  # event ids remembered for redelivery
FIELDS = ("open", "high", "low", "close", "volume")


def frame_columns(frame: pd.DataFrame) -> dict[str, list]:
    """A bars frame (indexed by epoch ms) back as columnar lists."""
    out: dict[str, list] = {"timestamp": [int(ts) for ts in frame.index]}
    for name in FIELDS:
        out[name] = [float(x) for x in frame[name]]
    return out


def combine(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Both frames' bars, ascending; ``new`` wins on equal timestamps."""
    return pd.concat([old[~old.index.isin(new.index)], new[list(old.columns)]]).sort_index()


def step_ms(interval: DataInterval) -> int:
    return interval.seconds * 1000


async def get_tail(symbol: str, interval: DataInterval) -> BarTail | None:
    return await BarTail.find_one({"symbol": symbol, "interval": interval.value})


async def remember(
    symbol: str, interval: DataInterval, frame: pd.DataFrame, lookback: int, event_id: str | None = None
) -> None:
    """Store the newest ``lookback + TAIL_MARGIN`` bars (at least as many as before) of ``frame``,
    joined to the stored tail when they continue or overlap it; an older window leaves it alone."""
    if len(frame) == 0:
        return
    tail = await get_tail(symbol, interval)
    size = max(lookback + TAIL_MARGIN, tail.size if tail else 0)
    applied = list(tail.applied) if tail else []
    if tail is not None and tail.bars["timestamp"]:
        old = bars_frame(tail.bars)
        if frame.index[-1] < old.index[-1] and event_id is None:
            return  # a materialization of an older window: the stored tail is newer
        if old.index[-1] >= frame.index[0] - step_ms(interval):
            frame = combine(old, frame)
    if event_id is not None and event_id not in applied:
        applied = [*applied, event_id][-APPLIED_KEPT:]
    fields = {"size": size, "bars": frame_columns(frame.iloc[-size:]), "applied": applied}
    if tail is None:
        await BarTail(symbol=symbol, interval=interval, **fields).insert()
    else:
        await BarTail.find_one(BarTail.id == tail.id).update({"$set": fields})


async def forget(symbol: str, interval: DataInterval) -> None:
    """Drop the tail (an ingest changed bars inside it that this domain has not seen)."""
    await BarTail.find({"symbol": symbol, "interval": interval.value}).delete()
