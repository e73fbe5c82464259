"""Resampling bars to a coarser interval: first open, max high, min low, last close, summed volume."""

import numpy as np

from quant_market_data.engine.calendar import WEEK_SHIFT_MS, interval_ms
from quant_market_data.engine.columns import BarColumns
from quant_shared.enums import DataInterval


class ResampleError(ValueError):
    pass


def check_target(source: DataInterval, target: DataInterval) -> None:
    if target.seconds < source.seconds or target.seconds % source.seconds:
        raise ResampleError(
            f"cannot resample {source.value} bars to {target.value}: choose a coarser interval"
        )


def resample(bars: BarColumns, source: DataInterval, target: DataInterval) -> BarColumns:
    """Aggregate ascending ``bars`` into ``target`` buckets (labeled by bucket start)."""
    check_target(source, target)
    if target == source or len(bars) == 0:
        return bars
    size = interval_ms(target)
    shift = WEEK_SHIFT_MS if target == DataInterval.W1 else 0
    buckets = (bars.timestamp + shift) // size * size - shift
    starts = np.flatnonzero(np.r_[True, buckets[1:] != buckets[:-1]])
    ends = np.r_[starts[1:], buckets.size] - 1
    return BarColumns(
        timestamp=buckets[starts],
        open=bars.open[starts],
        high=np.maximum.reduceat(bars.high, starts),
        low=np.minimum.reduceat(bars.low, starts),
        close=bars.close[ends],
        volume=np.add.reduceat(bars.volume, starts),
    )
