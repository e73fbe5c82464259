"""Vectorized technical indicators (NumPy; Numba for the recursive ones). Warm-up bars are NaN."""

import numpy as np
from numba import njit


def sma(x: np.ndarray, n: int) -> np.ndarray:
    """Simple moving average over ``n`` bars (a running-sum window, like pandas' rolling mean)."""
    return _rolling_mean(np.ascontiguousarray(x, dtype=np.float64), int(n))


@njit(cache=True, nogil=True)
def _rolling_mean(x, n):
    out = np.full(x.shape[0], np.nan)
    total = 0.0
    for i in range(x.shape[0]):
        total += x[i]
        if i >= n:
            total -= x[i - n]
        if i >= n - 1:
            out[i] = total / n
    return out


@njit(cache=True, nogil=True)
def _ewm(x, alpha, start):
    """Recursive exponential average seeded with the mean of the first ``start`` finite values."""
    out = np.full(x.shape[0], np.nan)
    first = 0
    while first < x.shape[0] and np.isnan(x[first]):
        first += 1
    if first + start > x.shape[0]:
        return out
    seed = 0.0
    for i in range(first, first + start):
        seed += x[i]
    prev = seed / start
    out[first + start - 1] = prev
    for i in range(first + start, x.shape[0]):
        prev = prev + alpha * (x[i] - prev)
        out[i] = prev
    return out


def ema(x: np.ndarray, n: int) -> np.ndarray:
    """Exponential moving average, alpha = 2/(n+1), seeded with the SMA of the first n bars."""
    return _ewm(np.ascontiguousarray(x, dtype=np.float64), 2.0 / (n + 1.0), int(n))


def rsi(x: np.ndarray, n: int = 14) -> np.ndarray:
    """Wilder's RSI (0..100): smoothed gains over smoothed losses with alpha = 1/n."""
    x = np.ascontiguousarray(x, dtype=np.float64)
    delta = np.diff(x, prepend=np.nan)
    gain = _ewm(np.where(np.isnan(delta), np.nan, np.maximum(delta, 0.0)), 1.0 / n, int(n))
    loss = _ewm(np.where(np.isnan(delta), np.nan, np.maximum(-delta, 0.0)), 1.0 / n, int(n))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 100.0 - 100.0 / (1.0 + gain / loss)
    out[(loss == 0) & (gain > 0)] = 100.0
    out[(loss == 0) & (gain == 0)] = 50.0
    return out


def macd(x: np.ndarray, fast: int = 12, slow: int = 26, signal: int = 9) -> tuple[np.ndarray, ...]:
    """(macd line, signal line, histogram)."""
    line = ema(x, fast) - ema(x, slow)
    sig = _ewm(line, 2.0 / (signal + 1.0), int(signal))
    return line, sig, line - sig


def rolling_std(x: np.ndarray, n: int) -> np.ndarray:
    """Population standard deviation over ``n`` bars (ddof=0, the Bollinger convention)."""
    m = sma(x, n)
    m2 = sma(np.asarray(x, dtype=np.float64) ** 2, n)
    return np.sqrt(np.maximum(m2 - m * m, 0.0))


def bollinger(x: np.ndarray, n: int = 20, num_std: float = 2.0) -> tuple[np.ndarray, ...]:
    """(lower, middle, upper) bands."""
    mid = sma(x, n)
    width = num_std * rolling_std(x, n)
    return mid - width, mid, mid + width


def roc(x: np.ndarray, n: int) -> np.ndarray:
    """Rate of change over ``n`` bars: x[t] / x[t-n] - 1."""
    x = np.asarray(x, dtype=np.float64)
    out = np.full(x.shape[0], np.nan)
    if n < x.shape[0]:
        out[n:] = x[n:] / x[:-n] - 1.0
    return out


def atr(high: np.ndarray, low: np.ndarray, close: np.ndarray, n: int = 14) -> np.ndarray:
    """Wilder's average true range."""
    prev = np.concatenate(([np.nan], close[:-1]))
    tr = np.fmax(high - low, np.fmax(np.abs(high - prev), np.abs(low - prev)))
    return _ewm(tr, 1.0 / n, int(n))


@njit(cache=True, nogil=True)
def _rolling_extreme(x, n, take_max):
    out = np.full(x.shape[0], np.nan)
    for i in range(n - 1, x.shape[0]):
        best = x[i]
        for j in range(i - n + 1, i):
            if (x[j] > best) if take_max else (x[j] < best):
                best = x[j]
        out[i] = best
    return out


def highest(x: np.ndarray, n: int) -> np.ndarray:
    return _rolling_extreme(np.ascontiguousarray(x, dtype=np.float64), int(n), True)


def lowest(x: np.ndarray, n: int) -> np.ndarray:
    return _rolling_extreme(np.ascontiguousarray(x, dtype=np.float64), int(n), False)


def crossed_above(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """True where a was below b on the previous bar and is above it now (backtesting.py's crossover)."""
    out = np.zeros(a.shape[0], dtype=np.bool_)
    with np.errstate(invalid="ignore"):
        out[1:] = (a[:-1] < b[:-1]) & (a[1:] > b[1:])
    return out


@njit(cache=True, nogil=True)
def cross_targets(fast, slow):
    """Targets of a crossover system in one pass: +1 where ``fast`` crosses above ``slow``, -1 where it
    crosses below, NaN elsewhere (same rule as ``crossed_above``; NaN comparisons are false)."""
    n = fast.shape[0]
    out = np.full(n, np.nan)
    for i in range(1, n):
        a0, b0, a1, b1 = fast[i - 1], slow[i - 1], fast[i], slow[i]
        if a0 < b0 and a1 > b1:
            out[i] = 1.0
        elif a0 > b0 and a1 < b1:
            out[i] = -1.0
    return out
