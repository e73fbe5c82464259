"""Return KPIs from an equity curve. ``ppy`` is the number of bars per year; ``start`` the value the
curve started from before its first bar (a backtest's initial cash; None: the first bar's equity)."""

import numpy as np


def simple_returns(equity: np.ndarray) -> np.ndarray:
    """Bar-to-bar returns of an equity curve (length n-1); a zero-equity bar yields 0 afterwards."""
    eq = np.asarray(equity, dtype=np.float64)
    if eq.shape[0] < 2:
        return np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = eq[1:] / eq[:-1] - 1.0
    return np.where(np.isfinite(r), r, 0.0)


def _start(eq: np.ndarray, start: float | None) -> float:
    if start is not None:
        return float(start)
    return float(eq[0]) if eq.shape[0] else float("nan")


def total_return(equity: np.ndarray, start: float | None = None) -> float:
    """final / start - 1."""
    eq = np.asarray(equity, dtype=np.float64)
    s = _start(eq, start)
    return float(eq[-1] / s - 1.0) if eq.shape[0] and s != 0 else float("nan")


def annualized_return(equity: np.ndarray, ppy: float, start: float | None = None) -> float:
    """Geometric (CAGR): (final / start) ** (1 / years) - 1 with years = (bars - 1) / ppy: the calendar
    years from the first to the last bar when ``ppy`` is derived from them (``OHLCV.periods_per_year``)."""
    eq = np.asarray(equity, dtype=np.float64)
    periods = eq.shape[0] - 1
    s = _start(eq, start)
    if periods <= 0 or not s > 0:
        return float("nan")
    growth = eq[-1] / s
    return float(growth ** (ppy / periods) - 1.0) if growth > 0 else -1.0


def annualized_volatility(returns: np.ndarray, ppy: float) -> float:
    """Sample standard deviation (ddof=1) of bar returns times sqrt(ppy)."""
    r = np.asarray(returns, dtype=np.float64)
    return float(np.std(r, ddof=1) * np.sqrt(ppy)) if r.shape[0] > 1 else float("nan")


def exposure_time(units: np.ndarray) -> float:
    """Fraction of bars ending with an open position."""
    u = np.asarray(units)
    return float(np.count_nonzero(u) / u.shape[0]) if u.shape[0] else 0.0
