"""Closed bars after the last stored one, from any provider (the live poller's source).

A bar stamped ``t`` is closed once ``t + interval <= now``; the bar still forming is never returned.
The synthetic provider runs on its own clock (``SyntheticClock``): real time since the schedule's
anchor, multiplied by ``speed`` (1: one bar per interval in real time; 60: a 1m bar every second).
Its live bars continue the stored series: each bar is seeded by (symbol, interval, time) and starts
at the previous close, so the same time always gives the same bar.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from quant_market_data.engine.calendar import interval_ms
from quant_market_data.engine.columns import BarColumns, concat, datetime_to_ms, ms_to_datetime
from quant_market_data.engine.synthetic import calendar, gbm_bars, symbol_seed
from quant_market_data.providers.base import BarProvider
from quant_market_data.providers.demo_universe import DEFAULT_PARAMS, GBM_PARAMS
from quant_market_data.providers.synthetic import SyntheticProvider, is_crypto
from quant_shared.enums import AssetClass, DataInterval


@dataclass(frozen=True)
class SyntheticClock:
    anchor: datetime
    speed: float = 1.0

    def now(self, real: datetime) -> datetime:
        return self.anchor + (real - self.anchor) * self.speed

    def real(self, virtual: datetime) -> datetime:
        return self.anchor + (virtual - self.anchor) / self.speed


def synthetic_live_bars(
    provider: SyntheticProvider,
    symbol: str,
    interval: DataInterval,
    after_ms: int,
    last_close: float | None,
    now: datetime,
    max_bars: int,
) -> BarColumns:
    """Closed synthetic bars stamped after ``after_ms`` up to the clock's ``now`` (at most ``max_bars``)."""
    step = interval_ms(interval)
    stamps = calendar(
        ms_to_datetime(after_ms + 1),
        ms_to_datetime(datetime_to_ms(now) - step + 1),
        interval,
        all_week=is_crypto(symbol),
    )[:max_bars]
    crypto = is_crypto(symbol)
    price, drift, vol, daily = GBM_PARAMS.get(symbol, DEFAULT_PARAMS[AssetClass.CRYPTO if crypto else None])
    close = last_close if last_close is not None else price
    volume = daily * min(interval.seconds / (86_400 if crypto else 7 * 3_600), 1.0)
    parts = []
    for ts in stamps.tolist():
        seed = symbol_seed(f"{symbol}:{interval.value}:{ts}", provider.seed)
        bar = gbm_bars(
            np.array([ts], dtype=np.int64),
            interval,
            start_price=close,
            drift=drift,
            volatility=vol,
            base_volume=volume,
            seed=seed,
        )
        parts.append(bar)
        close = float(bar.close[0])
    return concat(*parts) if parts else BarColumns.empty()


async def http_live_bars(
    provider: BarProvider, symbol: str, interval: DataInterval, after_ms: int, now: datetime, max_bars: int
) -> BarColumns:
    """The provider's bars after ``after_ms`` that have closed by ``now``."""
    step = interval_ms(interval)
    start = ms_to_datetime(after_ms + step)
    end = min(now, start + timedelta(milliseconds=step * max_bars))
    if end <= start:
        return BarColumns.empty()
    bars = await provider.fetch_bars(symbol, interval, start, end)
    if len(bars) == 0:
        return bars
    keep = (bars.timestamp > after_ms) & (bars.timestamp + step <= datetime_to_ms(now))
    return bars.take(keep)
