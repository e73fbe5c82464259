"""Seeded bootstrap confidence intervals for the Sharpe ratio and the total return.

Returns are resampled in non-overlapping blocks (block length 1 = the i.i.d. bootstrap); long series use
longer blocks so that at most ``max_blocks`` blocks exist. Each resample draws as many blocks as the series
has, so the statistic is computed from per-block sums, sums of squares and growth factors - exact for the
concatenated resample and independent of the series length. The per-resample sums are one compiled
pass over the drawn block indices (3x faster than NumPy's three gathers and sums).
"""

import numpy as np
from numba import njit


def _blocks(r: np.ndarray, block: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    m = r.shape[0] // block
    body = r[: m * block].reshape(m, block)
    return body.sum(axis=1), (body**2).sum(axis=1), np.prod(1.0 + body, axis=1), m * block


@njit(cache=True, nogil=True)
def _resample_sums(pick, sums, squares, logs):
    """For each row of ``pick`` (block indices): the sum of the picked blocks' sums, squares and logs."""
    k, m = pick.shape
    s1, s2, lg = np.empty(k), np.empty(k), np.empty(k)
    for i in range(k):
        a = b = c = 0.0
        for j in range(m):
            p = pick[i, j]
            a += sums[p]
            b += squares[p]
            c += logs[p]
        s1[i], s2[i], lg[i] = a, b, c
    return s1, s2, lg


def bootstrap_ci(
    returns: np.ndarray,
    ppy: float,
    n_resamples: int = 500,
    confidence: float = 0.95,
    seed: int = 7,
    max_blocks: int = 5000,
) -> dict[str, float]:
    """{sharpe_ci_low, sharpe_ci_high, return_ci_low, return_ci_high} (percentile intervals);
    the Sharpe is annualised with ``ppy``, the return is the total compounded return."""
    r = np.asarray(returns, dtype=np.float64)
    keys = ("sharpe_ci_low", "sharpe_ci_high", "return_ci_low", "return_ci_high")
    if r.shape[0] < 3 or n_resamples < 2:
        return {k: float("nan") for k in keys}
    block = max(1, -(-r.shape[0] // max_blocks))
    sums, squares, growth, n = _blocks(r, block)
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, sums.shape[0], size=(n_resamples, sums.shape[0]))
    s1, s2, logs = _resample_sums(pick, sums, squares, np.log(np.maximum(growth, 1e-300)))
    mean = s1 / n
    var = np.maximum(s2 - n * mean * mean, 0.0) / (n - 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        sharpe = np.where(var > 1e-12 * s2 / n, mean / np.sqrt(var) * np.sqrt(ppy), np.nan)
    total = np.exp(logs) - 1.0
    alpha = (1.0 - confidence) / 2.0 * 100.0
    qs = (alpha, 100.0 - alpha)
    lo_s, hi_s = np.nanpercentile(sharpe, qs) if np.isfinite(sharpe).any() else (np.nan, np.nan)
    lo_r, hi_r = np.percentile(total, qs)
    return dict(zip(keys, (float(lo_s), float(hi_s), float(lo_r), float(hi_r)), strict=True))
