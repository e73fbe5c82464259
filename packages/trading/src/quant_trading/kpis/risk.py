"""Risk-adjusted ratios, drawdowns and alpha/beta. Returns are per bar; ``ppy`` bars per year;
``rf`` the annual risk-free rate (converted to a per-bar rate by division by ppy); ``start`` the value
before the first bar (the initial cash: the first peak; None: the first bar's equity)."""

import numpy as np
from numba import njit

from quant_trading.kpis.returns import annualized_return


def sharpe_ratio(returns: np.ndarray, ppy: float, rf: float = 0.0) -> float:
    """mean(r - rf/ppy) / std(r, ddof=1) * sqrt(ppy)."""
    r = np.asarray(returns, dtype=np.float64) - rf / ppy
    if r.shape[0] < 2:
        return float("nan")
    sd = np.std(r, ddof=1)
    return float(np.mean(r) / sd * np.sqrt(ppy)) if np.ptp(r) > 0 else float("nan")


def sortino_ratio(returns: np.ndarray, ppy: float, rf: float = 0.0) -> float:
    """mean(r - rf/ppy) / sqrt(mean(min(r - rf/ppy, 0)^2)) * sqrt(ppy) (downside deviation over all bars)."""
    r = np.asarray(returns, dtype=np.float64) - rf / ppy
    if r.shape[0] < 2:
        return float("nan")
    dd = np.sqrt(np.mean(np.minimum(r, 0.0) ** 2))
    if dd == 0:
        return float("inf") if np.mean(r) > 0 else float("nan")
    return float(np.mean(r) / dd * np.sqrt(ppy))


def drawdown_curve(equity: np.ndarray, start: float | None = None) -> np.ndarray:
    """equity / running peak - 1 (<= 0), the peak starting at ``start``."""
    eq = np.asarray(equity, dtype=np.float64)
    peak = np.maximum.accumulate(eq if start is None else np.maximum(eq, start))
    with np.errstate(divide="ignore", invalid="ignore"):
        dd = np.where(peak > 0, eq / peak - 1.0, 0.0)
    return dd


def max_drawdown(equity: np.ndarray, start: float | None = None) -> float:
    """Most negative drawdown (e.g. -0.25 for a 25 % fall from a peak)."""
    dd = drawdown_curve(equity, start)
    return float(dd.min()) if dd.shape[0] else 0.0


def max_drawdown_duration(equity: np.ndarray, start: float | None = None) -> int:
    """Longest run of bars spent below a previous peak (until recovery or the end)."""
    return int(_longest_run(drawdown_curve(equity, start) < 0))


@njit(cache=True, nogil=True)
def _longest_run(flags):
    best = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def calmar_ratio(equity: np.ndarray, ppy: float, start: float | None = None) -> float:
    """Annualized return / |max drawdown|."""
    mdd = max_drawdown(equity, start)
    return float(annualized_return(equity, ppy, start) / abs(mdd)) if mdd < 0 else float("nan")


def alpha_beta(
    returns: np.ndarray, benchmark: np.ndarray, ppy: float, rf: float = 0.0
) -> tuple[float, float]:
    """CAPM regression against the benchmark's returns: beta = cov / var (ddof=1), annualized
    alpha = (mean(r - rf) - beta * mean(b - rf)) * ppy."""
    r = np.asarray(returns, dtype=np.float64) - rf / ppy
    b = np.asarray(benchmark, dtype=np.float64) - rf / ppy
    if r.shape[0] < 2 or r.shape != b.shape:
        return float("nan"), float("nan")
    var = np.var(b, ddof=1)
    if var == 0:
        return float("nan"), float("nan")
    beta = float(np.cov(r, b, ddof=1)[0, 1] / var)
    return float((np.mean(r) - beta * np.mean(b)) * ppy), beta
