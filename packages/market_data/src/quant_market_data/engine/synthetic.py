"""Deterministic synthetic bars: seeded geometric Brownian motion with a realistic OHLC shape.

Every series generated here is SYNTHETIC (instruments are flagged ``source="synthetic"``); it is
meant for demos and tests, never as real prices.
"""

import zlib
from datetime import datetime

import numpy as np

from quant_market_data.engine.calendar import bucket_start_ms, interval_ms
from quant_market_data.engine.columns import BarColumns, datetime_to_ms
from quant_shared.enums import DataInterval

YEAR_SECONDS = 365.25 * 86_400
STOCK_SESSION_HOURS_UTC = range(14, 21)  # seven hourly bars per weekday (14:00-20:00 UTC)


def symbol_seed(symbol: str, seed: int) -> int:
    return (zlib.crc32(symbol.encode()) ^ (seed * 2_654_435_761)) & 0xFFFFFFFF


def calendar(start: datetime, end: datetime, interval: DataInterval, all_week: bool) -> np.ndarray:
    """Bar timestamps (ms) in ``[start, end)``: every slot for 24/7 markets, weekday sessions otherwise."""
    step = interval_ms(interval)
    first = bucket_start_ms(datetime_to_ms(start), interval)
    if first < datetime_to_ms(start):
        first += step
    ts = np.arange(first, datetime_to_ms(end), step, dtype=np.int64)
    if all_week or interval == DataInterval.W1:
        return ts
    weekday = ((ts // 86_400_000) + 3) % 7  # Monday = 0
    keep = weekday < 5
    if interval.seconds < 86_400:
        hour = (ts // 3_600_000) % 24
        keep &= np.isin(hour, list(STOCK_SESSION_HOURS_UTC))
    return ts[keep]


def gbm_bars(
    timestamps: np.ndarray,
    interval: DataInterval,
    *,
    start_price: float,
    drift: float,
    volatility: float,
    base_volume: float,
    seed: int,
) -> BarColumns:
    """OHLCV for ``timestamps`` from annualized ``drift``/``volatility``; same inputs, same bars."""
    n = timestamps.size
    if n == 0:
        return BarColumns.empty()
    rng = np.random.default_rng(seed)
    dt = interval.seconds / YEAR_SECONDS
    sigma = volatility * np.sqrt(dt)
    log_returns = (drift - 0.5 * volatility**2) * dt + sigma * rng.standard_normal(n)
    close = start_price * np.exp(np.cumsum(log_returns))
    gap = sigma * 0.25 * rng.standard_normal(n)
    open_ = np.r_[start_price, close[:-1]] * np.exp(gap)
    body_top = np.maximum(open_, close)
    body_bottom = np.minimum(open_, close)
    high = body_top * np.exp(np.abs(rng.standard_normal(n)) * sigma * 0.5)
    low = body_bottom * np.exp(-np.abs(rng.standard_normal(n)) * sigma * 0.5)
    move = np.abs(log_returns) / max(sigma, 1e-12)
    volume = base_volume * rng.lognormal(0.0, 0.35, n) * (1 + 0.5 * move)
    return BarColumns(
        timestamp=timestamps.astype(np.int64),
        open=np.round(open_, 4),
        high=np.round(high, 4),
        low=np.round(low, 4),
        close=np.round(close, 4),
        volume=np.round(volume, 2),
    )
