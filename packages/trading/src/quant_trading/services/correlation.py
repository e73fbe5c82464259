"""Correlation of constituents' returns on their common bars."""

import numpy as np


def aligned_closes(bars: dict[str, dict[str, list]]) -> tuple[list[int], dict[str, np.ndarray]]:
    """Closes of every symbol on the timestamps all of them share."""
    common = None
    for data in bars.values():
        stamps = set(data["timestamp"])
        common = stamps if common is None else common & stamps
    stamps = sorted(common or ())
    out = {}
    for symbol, data in bars.items():
        index = {t: i for i, t in enumerate(data["timestamp"])}
        out[symbol] = np.array([data["close"][index[t]] for t in stamps], dtype=float)
    return stamps, out


def correlation_matrix(bars: dict[str, dict[str, list]]) -> tuple[list[list[float | None]], int]:
    """Pearson correlation of simple returns; ``None`` where a series is constant."""
    _, closes = aligned_closes(bars)
    series = [c[1:] / c[:-1] - 1.0 for c in closes.values()]
    n = len(series[0]) if series else 0
    if n < 2:
        raise ValueError("fewer than 3 common bars: no correlation can be computed")
    with np.errstate(invalid="ignore", divide="ignore"):
        matrix = np.corrcoef(np.vstack(series))
    rows = [[None if not np.isfinite(v) else float(v) for v in row] for row in np.atleast_2d(matrix)]
    return rows, n
