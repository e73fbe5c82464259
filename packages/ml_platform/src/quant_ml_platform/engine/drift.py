"""Data-quality checks of a feature's values: NaN bursts, constant stretches, distribution drift."""

import numpy as np


def longest_run(mask: np.ndarray) -> int:
    best = run = 0
    for flag in mask:
        run = run + 1 if flag else 0
        best = max(best, run)
    return best


def nan_burst(values: np.ndarray) -> int:
    """Longest run of missing values after the first present one (the warm-up is not a burst)."""
    present = np.flatnonzero(~np.isnan(values))
    return longest_run(np.isnan(values[present[0] :])) if len(present) else len(values)


def constant_run(values: np.ndarray) -> int:
    """Longest run of consecutive identical present values (equal up to floating-point noise)."""
    clean = values[~np.isnan(values)]
    same = np.isclose(clean[1:], clean[:-1], rtol=1e-9, atol=1e-12)
    return longest_run(same) + 1 if len(clean) > 1 else len(clean)


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
