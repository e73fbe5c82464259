"""Synthetic OHLCV bars: a seeded geometric random walk with consistent open/high/low/close."""

import numpy as np
import pandas as pd

from quant_trading.engine import OHLCV


def synthetic_bars(n: int, seed: int = 42) -> OHLCV:
    rng = np.random.default_rng(seed)
    close = 100.0 * np.exp(np.cumsum(rng.normal(0.0, 0.01, n)))
    open_ = np.concatenate(([100.0], close[:-1])) * np.exp(rng.normal(0.0, 0.002, n))
    wick = np.abs(rng.normal(0.0, 0.004, (2, n)))
    high = np.maximum(open_, close) * (1 + wick[0])
    low = np.minimum(open_, close) * (1 - wick[1])
    ts = 1_500_000_000_000 + 60_000 * np.arange(n, dtype=np.int64)  # one-minute bars
    return OHLCV.from_arrays(ts, open_, high, low, close, rng.integers(1, 1000, n).astype(float))


def as_frame(data: OHLCV) -> pd.DataFrame:
    """backtesting.py's input: a DatetimeIndex and capitalized OHLCV columns."""
    index = pd.to_datetime(data.timestamp, unit="ms")
    cols = {"Open": data.open, "High": data.high, "Low": data.low, "Close": data.close, "Volume": data.volume}
    return pd.DataFrame(cols, index=index)
