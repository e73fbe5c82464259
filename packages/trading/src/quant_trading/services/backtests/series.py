"""Equity-series helpers: downsampling for display and storage, combining per-symbol curves."""

import numpy as np


def downsample_indices(n: int, points: int) -> np.ndarray:
    """At most ``points`` evenly spaced indices of ``n``, always keeping the first and the last."""
    if n <= points:
        return np.arange(n)
    if points <= 1:
        return np.array([n - 1])
    return np.unique(np.linspace(0, n - 1, points).round().astype(np.int64))


def downsample(series: dict[str, list], points: int) -> dict[str, list]:
    """Pick the same evenly spaced rows of every parallel array in ``series``."""
    n = len(series["timestamp"])
    idx = downsample_indices(n, points)
    return {key: [values[i] for i in idx.tolist()] for key, values in series.items()}


def drawdown_of(equity: np.ndarray) -> np.ndarray:
    """Drawdown as a fraction of the running peak (0 at new highs, negative below)."""
    if len(equity) == 0:
        return np.asarray(equity, dtype=float)
    peak = np.maximum.accumulate(equity)
    return equity / peak - 1.0


def combine_equity(curves: dict[str, tuple[np.ndarray, np.ndarray]], initial: dict[str, float]):
    """Sum per-symbol equity curves on the union of their timestamps.

    Each curve is carried forward between its own bars; before its first bar a symbol counts at its
    initial cash. Returns ``(timestamps, equity)``.
    """
    stamps = np.unique(np.concatenate([ts for ts, _ in curves.values()]))
    total = np.zeros(len(stamps), dtype=float)
    for symbol, (ts, eq) in curves.items():
        pos = np.searchsorted(ts, stamps, side="right") - 1
        values = np.where(pos >= 0, eq[np.clip(pos, 0, None)], initial[symbol])
        total += values
    return stamps, total
