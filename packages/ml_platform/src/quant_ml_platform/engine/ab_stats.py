"""A/B statistics: two-proportion z-test, Welch's t-test, bootstrap CI, effect size, required sample size."""

import math

import numpy as np

POWER = 0.8


def _stats():
    from scipy import stats  # SciPy (~1 s) is imported on first use, not at the platform's start

    return stats


def _required(effect: float, alpha: float, groups_factor: float) -> int | None:
    if effect == 0:
        return None
    z = _stats().norm.ppf(1 - alpha / 2) + _stats().norm.ppf(POWER)
    return int(math.ceil(groups_factor * (z / abs(effect)) ** 2))


def two_proportion(a: np.ndarray, b: np.ndarray, alpha: float) -> dict:
    """Hit rates of two arms (0/1 outcomes); effect size is Cohen's h."""
    n1, n2 = len(a), len(b)
    p1, p2 = a.mean(), b.mean()
    pooled = (a.sum() + b.sum()) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = (p1 - p2) / se if se > 0 else 0.0
    h = 2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2))
    return {
        "test": "two_proportion_z",
        "statistic": float(z),
        "p_value": float(2 * _stats().norm.sf(abs(z))),
        "effect_size": float(h),
        "required_per_arm": _required(h, alpha, 1.0),
        "mean_a": float(p1),
        "mean_b": float(p2),
    }


def welch(a: np.ndarray, b: np.ndarray, alpha: float) -> dict:
    """Mean per-prediction strategy returns of two arms; effect size is Cohen's d (pooled sd)."""
    result = _stats().ttest_ind(a, b, equal_var=False)
    n1, n2 = len(a), len(b)
    v1, v2 = a.var(ddof=1), b.var(ddof=1)
    pooled = math.sqrt(((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2))
    d = (a.mean() - b.mean()) / pooled if pooled > 0 else 0.0
    df = (v1 / n1 + v2 / n2) ** 2 / ((v1 / n1) ** 2 / (n1 - 1) + (v2 / n2) ** 2 / (n2 - 1))
    return {
        "test": "welch_t",
        "statistic": float(result.statistic),
        "p_value": float(result.pvalue),
        "df": float(df),
        "effect_size": float(d),
        "required_per_arm": _required(d, alpha, 2.0),
        "mean_a": float(a.mean()),
        "mean_b": float(b.mean()),
    }


def bootstrap_ci(a: np.ndarray, b: np.ndarray, alpha: float, reps: int, seed: int = 0) -> tuple[float, float]:
    """Percentile interval of mean(a) - mean(b) from resampling each arm with replacement."""
    rng = np.random.default_rng(seed)
    diffs = rng.choice(a, (reps, len(a))).mean(axis=1) - rng.choice(b, (reps, len(b))).mean(axis=1)
    low, high = np.quantile(diffs, [alpha / 2, 1 - alpha / 2])
    return float(low), float(high)
