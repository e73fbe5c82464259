"""Distribution drift of a feature's values between a training and a serving window (PSI, KS); NaN
bursts and constant stretches are ``feature_checks``."""

import numpy as np


def psi(expected: np.ndarray, actual: np.ndarray, bins: int = 10) -> float:
    """Population stability index over the training window's quantile bins (eps-floored shares)."""
    edges = np.unique(np.quantile(expected, np.linspace(0, 1, bins + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    e = np.histogram(expected, edges)[0] / len(expected)
    a = np.histogram(actual, edges)[0] / len(actual)
    e, a = np.clip(e, 1e-4, None), np.clip(a, 1e-4, None)
    return float(np.sum((a - e) * np.log(a / e)))


def ks(expected: np.ndarray, actual: np.ndarray) -> tuple[float, float]:
    from scipy import stats  # SciPy (~1 s) is imported on first use, not at the platform's start

    result = stats.ks_2samp(expected, actual)
    return float(result.statistic), float(result.pvalue)
