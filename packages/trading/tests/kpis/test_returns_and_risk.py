"""Return and risk KPIs against hand-computed values on a 4-bar equity curve.

equity 100 -> 110 -> 99 -> 118.8: returns +10 %, -10 %, +20 %; mean 1/15, sample sd sqrt(0.07/3).
"""

import math

import numpy as np
import pytest

from quant_trading import kpis

EQ = np.array([100.0, 110.0, 99.0, 118.8])
R = np.array([0.1, -0.1, 0.2])
SD = math.sqrt(0.07 / 3)  # deviations 1/30, -1/6, 2/15 -> sum of squares 0.07/1.5, /2


def test_returns_and_total():
    np.testing.assert_allclose(kpis.simple_returns(EQ), R, rtol=1e-12)
    assert kpis.total_return(EQ) == pytest.approx(0.188)


def test_annualized_return_and_volatility():
    assert kpis.annualized_return(EQ, 3) == pytest.approx(0.188)  # 3 bars = one year
    assert kpis.annualized_return(EQ, 6) == pytest.approx(1.188**2 - 1)  # 3 bars = half a year
    assert kpis.annualized_volatility(R, 1) == pytest.approx(0.1527525, rel=1e-6)
    assert kpis.annualized_volatility(R, 4) == pytest.approx(2 * SD)


def test_sharpe_and_sortino():
    assert kpis.sharpe_ratio(R, 1) == pytest.approx((1 / 15) / SD)
    assert kpis.sharpe_ratio(R, 4) == pytest.approx(0.872872, rel=1e-6)
    # risk-free 10 %/year over 4 bars a year = 2.5 % per bar off every return
    assert kpis.sharpe_ratio(R, 4, rf=0.1) == pytest.approx((1 / 15 - 0.025) / SD * 2)
    # downside deviation sqrt(0.01 / 3)
    assert kpis.sortino_ratio(R, 1) == pytest.approx((1 / 15) / math.sqrt(0.01 / 3))
    assert kpis.sortino_ratio(R, 1) == pytest.approx(1.154701, rel=1e-6)


def test_drawdowns_and_calmar():
    np.testing.assert_allclose(kpis.drawdown_curve(EQ), [0, 0, -0.1, 0], atol=1e-12)
    assert kpis.max_drawdown(EQ) == pytest.approx(-0.1)
    assert kpis.max_drawdown_duration(EQ) == 1
    assert kpis.max_drawdown_duration(np.array([10.0, 9, 8, 11, 10, 10.5, 12, 11])) == 2
    assert kpis.calmar_ratio(EQ, 3) == pytest.approx(1.88)


def test_alpha_and_beta():
    bench = np.array([0.05, -0.05, 0.1])
    alpha, beta = kpis.alpha_beta(2 * bench + 0.01, bench, 252)
    assert beta == pytest.approx(2.0)
    assert alpha == pytest.approx(0.01 * 252)


def test_exposure():
    assert kpis.exposure_time(np.array([0, 5, 5, 0, -3])) == pytest.approx(0.6)
