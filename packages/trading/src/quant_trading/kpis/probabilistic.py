"""Probabilistic and deflated Sharpe ratios (Bailey & Lopez de Prado, 2012 and 2014).

All Sharpe ratios here are per bar (not annualized). Skewness and kurtosis are the population
(biased) moment estimators; kurtosis is Pearson's (3 for a normal distribution).
"""

import math

import numpy as np
from scipy.stats import norm

EULER_GAMMA = 0.5772156649015329


def moments(returns: np.ndarray) -> tuple[float, float, float, int]:
    """(per-bar Sharpe with ddof=1, skewness, kurtosis, T)."""
    r = np.asarray(returns, dtype=np.float64)
    t = r.shape[0]
    if t < 3:
        return float("nan"), float("nan"), float("nan"), t
    sd = np.std(r, ddof=1)
    c = r - r.mean()
    c2 = c * c
    m2 = np.mean(c2)
    if sd == 0 or m2 == 0:
        return float("nan"), float("nan"), float("nan"), t
    skew = float(np.mean(c2 * c) / m2**1.5)
    kurt = float(np.mean(c2 * c2) / m2**2)
    return float(r.mean() / sd), skew, kurt, t


def sharpe_std(sr: float, skew: float, kurt: float, t: int) -> float:
    """Standard error of the Sharpe estimator: sqrt((1 - skew*SR + (kurt-1)/4*SR^2) / (T-1))."""
    v = (1.0 - skew * sr + (kurt - 1.0) / 4.0 * sr * sr) / (t - 1)
    return math.sqrt(v) if v > 0 else float("nan")


def probabilistic_sharpe_ratio(
    returns: np.ndarray, benchmark_sr: float = 0.0, stats: tuple[float, float, float, int] | None = None
) -> float:
    """P(true Sharpe > benchmark_sr) = Phi((SR - SR*) / sharpe_std). ``stats``: precomputed ``moments``."""
    sr, skew, kurt, t = stats or moments(returns)
    if not math.isfinite(sr):
        return float("nan")
    se = sharpe_std(sr, skew, kurt, t)
    return float(norm.cdf((sr - benchmark_sr) / se)) if se == se and se > 0 else float("nan")


def expected_max_sharpe(n_trials: int, sharpe_variance: float) -> float:
    """E[max SR] of n independent trials with true Sharpe 0:
    sqrt(V) * ((1 - g) * Phi^-1(1 - 1/N) + g * Phi^-1(1 - 1/(N e))), 0 for a single trial."""
    if n_trials <= 1:
        return 0.0
    z1 = norm.ppf(1.0 - 1.0 / n_trials)
    z2 = norm.ppf(1.0 - 1.0 / (n_trials * math.e))
    return float(math.sqrt(sharpe_variance) * ((1 - EULER_GAMMA) * z1 + EULER_GAMMA * z2))


def deflated_sharpe_ratio(
    returns: np.ndarray,
    n_trials: int,
    trial_sharpes: np.ndarray | None = None,
    stats: tuple[float, float, float, int] | None = None,
) -> float:
    """PSR against the expected maximum Sharpe of ``n_trials`` trials. The variance of the trials'
    (per-bar) Sharpe ratios is taken from ``trial_sharpes`` when given (>= 2), else the estimator
    variance of this run's Sharpe."""
    stats = stats or moments(returns)
    sr, skew, kurt, t = stats
    if not math.isfinite(sr):
        return float("nan")
    if trial_sharpes is not None and len(trial_sharpes) >= 2:
        var = float(np.var(np.asarray(trial_sharpes, dtype=np.float64), ddof=1))
    else:
        var = sharpe_std(sr, skew, kurt, t) ** 2
    return probabilistic_sharpe_ratio(returns, expected_max_sharpe(n_trials, var), stats)
