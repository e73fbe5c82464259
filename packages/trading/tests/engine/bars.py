"""Tiny hand-made bar series for the engine tests."""

import numpy as np

from quant_trading.engine import OHLCV

DAY = 86_400_000


def bars(rows: list[tuple[float, float, float, float]]) -> OHLCV:
    """rows of (open, high, low, close); daily timestamps from 2024-01-01."""
    arr = np.array(rows, dtype=float)
    ts = 1_704_067_200_000 + DAY * np.arange(len(rows))
    return OHLCV.from_arrays(ts, arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3], np.ones(len(rows)))


def targets(n: int, **at: float) -> np.ndarray:
    """targets(6, b1=1, b3=0) -> NaN everywhere except bar 1 (+1) and bar 3 (0)."""
    out = np.full(n, np.nan)
    for key, value in at.items():
        out[int(key[1:])] = value
    return out


FLAT = (100.0, 101.0, 99.0, 100.0)
