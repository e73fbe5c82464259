"""Every equity-curve KPI in two compiled passes over the bars, without intermediate arrays.

``compute_metrics`` used NumPy per KPI: bar returns, a drawdown curve twice, centered copies for the
moments, the benchmark's returns and a covariance matrix: about 40 passes over arrays as long as the
curve, most of a backtest's time on long series and the memory traffic that made two trials at once
slower than one each. The definitions are those of ``returns``, ``risk`` and ``probabilistic`` (the
tests hold this module to them); only the arithmetic is fused: pass 1 sums the returns (keeping them for
pass 2: a division per bar and series less) and walks the drawdown, pass 2 sums the centered powers, the
downside squares and the covariance.
"""

import math

import numpy as np
from numba import njit

from quant_trading.kpis.returns import annualized_return, total_return

# slots of the kernel's result
N_R, SUM_R, MIN_R, MAX_R, SUM_B, MDD, MDD_RUN, EXPOSED = 0, 1, 2, 3, 4, 5, 6, 7
M2, M3, M4, DOWN2, COV, VAR_B = 8, 9, 10, 11, 12, 13
N_SLOTS = 14


@njit(cache=True, nogil=True)
def _ret(prev, cur):
    """``simple_returns`` of one bar: a non-finite ratio (after a zero equity) counts as 0."""
    r = cur / prev - 1.0 if prev != 0.0 else math.nan
    return r if math.isfinite(r) else 0.0


@njit(cache=True, nogil=True)
def curve_sums(eq, bench, units, rf_bar, start):
    """Raw sums (slots above) of an equity curve, its benchmark closes (or an empty array) and the
    position per bar (or an empty array). Returns are taken net of ``rf_bar`` for the downside; the
    drawdown's peak starts at ``start`` (NaN: the first bar's equity)."""
    out = np.zeros(N_SLOTS)
    n = eq.shape[0]
    has_b = bench.shape[0] == n
    exposed = 0
    for i in range(units.shape[0]):
        if units[i] != 0.0:
            exposed += 1
    out[EXPOSED] = exposed
    if n == 0:
        return out
    rs, rb = np.empty(n), np.empty(n if has_b else 0)
    peak, mdd, run, best_run = start if start == start else eq[0], 0.0, 0, 0
    s_r = s_b = 0.0
    lo, hi = math.inf, -math.inf
    for i in range(n):
        e = eq[i]
        if e > peak:
            peak = e
        dd = e / peak - 1.0 if peak > 0.0 else 0.0
        if dd < 0.0:
            run += 1
            best_run = max(best_run, run)
            mdd = min(mdd, dd)
        else:
            run = 0
        if i > 0:
            r = _ret(eq[i - 1], e)
            rs[i] = r
            s_r += r
            lo, hi = min(lo, r), max(hi, r)
            if has_b:
                rb[i] = _ret(bench[i - 1], bench[i])
                s_b += rb[i]
    m = n - 1
    out[N_R], out[SUM_R], out[MIN_R], out[MAX_R], out[SUM_B] = m, s_r, lo, hi, s_b
    out[MDD], out[MDD_RUN] = mdd, best_run
    if m == 0:
        return out
    mean_r, mean_b = s_r / m, s_b / m
    m2 = m3 = m4 = down = cov = var_b = 0.0
    for i in range(1, n):
        r = rs[i]
        c = r - mean_r
        c2 = c * c
        m2 += c2
        m3 += c2 * c
        m4 += c2 * c2
        x = min(r - rf_bar, 0.0)
        down += x * x
        if has_b:
            cb = rb[i] - mean_b
            cov += c * cb
            var_b += cb * cb
    out[M2], out[M3], out[M4], out[DOWN2], out[COV], out[VAR_B] = m2, m3, m4, down, cov, var_b
    return out


def moments_of(s: np.ndarray) -> tuple[float, float, float, int]:
    """``probabilistic.moments`` from the sums: (per-bar Sharpe with ddof=1, skewness, kurtosis, T)."""
    t = int(s[N_R])
    nan = float("nan")
    if t < 3:
        return nan, nan, nan, t
    m2 = s[M2] / t
    sd = math.sqrt(s[M2] / (t - 1))
    if sd == 0 or m2 == 0:
        return nan, nan, nan, t
    return float(s[SUM_R] / t / sd), float(s[M3] / t / m2**1.5), float(s[M4] / t / m2**2), t


def equity_moments(equity: np.ndarray) -> tuple[float, float, float, int]:
    """``moments_of`` an equity curve's returns: the moments ``compute_metrics`` uses, to the last bit."""
    eq = np.ascontiguousarray(equity, dtype=np.float64)
    return moments_of(curve_sums(eq, np.zeros(0), np.zeros(0), 0.0, math.nan))


def curve_metrics(
    equity: np.ndarray,
    ppy: float,
    units: np.ndarray | None,
    benchmark_close: np.ndarray | None,
    rf: float,
    start: float | None = None,
) -> tuple[dict[str, float], tuple[float, float, float, int]]:
    """The curve KPIs of ``compute_metrics`` (benchmark ones only with a benchmark as long as the
    curve) and the return moments for the probabilistic Sharpe ratios. ``start``: the value before the
    first bar (total and annualized return and the first drawdown peak count from it; None: the first
    bar's equity). Bar returns run from bar to bar."""
    eq = np.ascontiguousarray(equity, dtype=np.float64)
    bench = np.zeros(0) if benchmark_close is None else np.ascontiguousarray(benchmark_close, np.float64)
    pos = np.zeros(0) if units is None else np.ascontiguousarray(units, dtype=np.float64)
    s = curve_sums(eq, bench, pos, rf / ppy, math.nan if start is None else float(start))
    n, nan = int(s[N_R]), float("nan")
    mean = s[SUM_R] / n - rf / ppy if n else nan
    sd = math.sqrt(s[M2] / (n - 1)) if n > 1 else nan
    root = math.sqrt(ppy)
    ann, mdd = annualized_return(eq, ppy, start), float(s[MDD])
    down = math.sqrt(s[DOWN2] / n) if n > 1 else nan
    if n < 2:
        sortino = nan
    elif down == 0:
        sortino = float("inf") if mean > 0 else nan
    else:
        sortino = mean / down * root
    m = {
        "start_equity": start if start is not None else (eq[0] if eq.shape[0] else nan),
        "final_equity": eq[-1] if eq.shape[0] else nan,
        "total_return": total_return(eq, start),
        "annualized_return": ann,
        "annualized_volatility": sd * root,
        "sharpe_ratio": mean / sd * root if n > 1 and s[MAX_R] > s[MIN_R] else nan,
        "sortino_ratio": sortino,
        "calmar_ratio": ann / abs(mdd) if mdd < 0 else nan,
        "max_drawdown": mdd,
        "max_drawdown_duration_bars": int(s[MDD_RUN]),
        "exposure_time": s[EXPOSED] / pos.shape[0] if pos.shape[0] else (0.0 if units is not None else nan),
    }
    if benchmark_close is not None and bench.shape[0] == eq.shape[0]:
        if n < 2 or s[VAR_B] == 0:
            m["alpha"], m["beta"] = nan, nan
        else:
            beta = s[COV] / s[VAR_B]
            m["alpha"], m["beta"] = (mean - beta * (s[SUM_B] / n - rf / ppy)) * ppy, beta
        m["buy_and_hold_return"] = total_return(bench)
    return m, moments_of(s)
