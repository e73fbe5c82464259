"""Indicators against hand-computed values."""

import math

import numpy as np
import pytest

from quant_trading.engine import indicators as ind

X = np.array([1.0, 2.0, 3.0, 4.0, 5.0])


def test_sma_and_ema():
    np.testing.assert_allclose(ind.sma(X, 3), [np.nan, np.nan, 2, 3, 4])
    # alpha 0.5, seeded with mean(1, 2, 3) = 2: 2 + 0.5 * (4 - 2) = 3, 3 + 0.5 * (5 - 3) = 4
    np.testing.assert_allclose(ind.ema(X, 3), [np.nan, np.nan, 2, 3, 4])
    np.testing.assert_allclose(ind.ema(np.array([2.0, 4.0, 8.0]), 1), [2, 4, 8])


def test_wilder_rsi():
    # deltas +1 +1 -1 +1; seed avg gain 1 / loss 0 -> 100; then gain .5 / loss .5 -> 50; .75 / .25 -> 75
    np.testing.assert_allclose(ind.rsi(np.array([1.0, 2, 3, 2, 3]), 2), [np.nan, np.nan, 100, 50, 75])


def test_bollinger_macd_roc_atr():
    lower, mid, upper = ind.bollinger(np.array([1.0, 2.0, 3.0]), 3, 2.0)
    assert mid[2] == pytest.approx(2) and upper[2] == pytest.approx(2 + 2 * math.sqrt(2 / 3))
    assert lower[2] == pytest.approx(2 - 2 * math.sqrt(2 / 3))
    line, sig, hist = ind.macd(X, 1, 2, 1)
    # ema(1) = x; ema(2) seeded mean(1,2) = 1.5 at 1, then +2/3 of the gap: 1.5 + 2/3*1.5 = 2.5, ...
    np.testing.assert_allclose(line, [np.nan, 0.5, 0.5, 0.5, 0.5])
    np.testing.assert_allclose(hist, [np.nan, 0, 0, 0, 0])
    np.testing.assert_allclose(ind.roc(X, 2), [np.nan, np.nan, 2, 1, 2 / 3])
    high, low, close = np.array([2.0, 3, 4]), np.array([1.0, 1, 2]), np.array([1.5, 2.5, 3.5])
    # true ranges: 1, max(2, 1.5, 0.5) = 2, max(2, 1.5, 0.5) = 2; Wilder n=2 seeded mean(1, 2)
    np.testing.assert_allclose(ind.atr(high, low, close, 2), [np.nan, 1.5, 1.75])


def test_extremes_and_crossover():
    np.testing.assert_allclose(ind.highest(np.array([1.0, 3, 2, 5, 4]), 2), [np.nan, 3, 3, 5, 5])
    np.testing.assert_allclose(ind.lowest(np.array([1.0, 3, 2, 5, 4]), 2), [np.nan, 1, 2, 2, 4])
    a, b = np.array([1.0, 2, 3, 2]), np.array([2.0, 2, 2, 2])
    assert list(ind.crossed_above(a, b)) == [False, False, False, False]  # touching is not crossing
    assert list(ind.crossed_above(a, np.array([1.5, 2.5, 2.5, 2.5]))) == [False, False, True, False]
