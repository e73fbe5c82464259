"""Bars <-> bucket documents: which bucket a bar belongs to, merging an upload into a bucket, codecs."""

from dataclasses import dataclass
from typing import Any

import numpy as np

from quant_market_data.engine.columns import FIELDS, BarColumns, ms_to_datetime
from quant_market_data.models.bar_bucket import bucket_id, bucket_span_ms
from quant_shared import columns_codec
from quant_shared.enums import DataInterval


@dataclass
class Merge:
    """A bucket after an upload: its bars and what the upload did to them."""

    bars: BarColumns
    inserted: int
    updated: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return self.inserted > 0 or self.updated > 0


def split(bars: BarColumns, interval: DataInterval) -> dict[int, BarColumns]:
    """Ascending bars grouped by the start (epoch ms) of their bucket's period."""
    span = bucket_span_ms(interval)
    starts = (bars.timestamp // span) * span
    cuts = np.flatnonzero(np.diff(starts)) + 1
    bounds = [0, *cuts.tolist(), len(bars)]
    return {int(starts[a]): bars.take(slice(a, b)) for a, b in zip(bounds, bounds[1:], strict=False)}


def merge(stored: BarColumns, new: BarColumns) -> Merge:
    """``new`` written over ``stored`` (both ascending, unique timestamps): new timestamps inserted,
    changed values replaced, identical bars left alone."""
    if len(stored) == 0:
        return Merge(new, len(new), 0, 0)
    at = np.minimum(np.searchsorted(stored.timestamp, new.timestamp), len(stored) - 1)
    found = stored.timestamp[at] == new.timestamp
    same = found.copy()
    for name in FIELDS:
        same &= getattr(stored, name)[at] == getattr(new, name)
    kept = stored.take(~np.isin(stored.timestamp, new.timestamp))
    names = ("timestamp", *FIELDS)
    joined = BarColumns(*(np.concatenate([getattr(kept, n), getattr(new, n)]) for n in names)).sorted()
    found_count, same_count = int(found.sum()), int(same.sum())
    return Merge(joined, len(new) - found_count, found_count - same_count, same_count)


def encode(symbol: str, interval: DataInterval, start_ms: int, bars: BarColumns) -> dict[str, Any]:
    """The bucket document's fields for ``bars`` (without ``version`` and the time stamps)."""
    doc: dict[str, Any] = {
        "_id": bucket_id(symbol, interval, start_ms),
        "symbol": symbol,
        "interval": interval.value,
        "start": ms_to_datetime(start_ms),
        "first": ms_to_datetime(int(bars.timestamp[0])),
        "last": ms_to_datetime(int(bars.timestamp[-1])),
        "size": len(bars),
        "timestamp": columns_codec.encode_times(bars.timestamp),
        "scales": {},
    }
    for name in FIELDS:
        doc[name], doc["scales"][name] = columns_codec.encode_floats(getattr(bars, name))
    return doc


def decode(doc: dict[str, Any]) -> BarColumns:
    scales = doc["scales"]
    values = [columns_codec.decode_floats(doc[name], scales[name]) for name in FIELDS]
    return BarColumns(columns_codec.decode_times(doc["timestamp"]), *values)


def entry(bars: BarColumns) -> dict[str, int]:
    """A bucket's line in its series' directory."""
    return {"count": len(bars), "first": int(bars.timestamp[0]), "last": int(bars.timestamp[-1])}
