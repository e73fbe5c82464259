"""Trade statistics, PSR/DSR and the bootstrap against hand-computed values."""

import math

import numpy as np
import pytest

from quant_trading import kpis
from quant_trading.kpis.bootstrap import block_picks

PNL = np.array([10.0, -5.0, 20.0, -5.0])


def test_trade_statistics():
    assert kpis.win_rate(PNL) == 0.5
    assert kpis.profit_factor(PNL) == pytest.approx(3.0)  # 30 / 10
    assert kpis.expectancy(PNL) == pytest.approx(0.5 * 15 - 0.5 * 5)
    # mean 5, sample sd sqrt(450 / 3): SQN = sqrt(4) * 5 / sqrt(150)
    assert kpis.sqn(PNL) == pytest.approx(2 * 5 / math.sqrt(150))
    stats = kpis.trade_stats(PNL, np.array([0.1, -0.05, 0.2, -0.05]), np.array([3, 1, 4, 2]))
    assert stats["num_trades"] == 4 and stats["avg_trade_duration_bars"] == 2.5
    assert stats["best_trade_return"] == 0.2 and stats["worst_trade_return"] == -0.05
    assert stats["avg_trade_return"] == pytest.approx(0.05)
    assert kpis.profit_factor(np.array([1.0, 2.0])) == math.inf


R = np.array([0.1, -0.1, 0.2])
# by hand: per-bar SR 0.436436, skew -0.381802 (m3 = -1/1350, m2 = 0.7/45), kurtosis 1.5,
# SE = sqrt((1 + 0.381802*0.436436 + 0.125*0.190476) / 2) = 0.771506 -> PSR = Phi(0.565693) = 0.714199
PSR = 0.714199
# E[max SR] of 10 trials, V = 0.25: 0.5 * (0.422784 * 1.281552 + 0.577216 * 1.789290) = 0.787299
DSR = 0.324635  # Phi((0.436436 - 0.787299) / 0.771506)


def test_probabilistic_sharpe_ratio():
    assert kpis.probabilistic_sharpe_ratio(R) == pytest.approx(PSR, abs=1e-6)
    assert kpis.probabilistic_sharpe_ratio(R, benchmark_sr=0.436436) == pytest.approx(0.5, abs=1e-6)


def test_deflated_sharpe_ratio():
    assert kpis.expected_max_sharpe(10, 0.25) == pytest.approx(0.787299, abs=1e-6)
    assert kpis.expected_max_sharpe(1, 0.25) == 0.0
    assert kpis.deflated_sharpe_ratio(R, 10, np.array([0.0, 0.5, 1.0])) == pytest.approx(DSR, abs=1e-6)
    assert kpis.deflated_sharpe_ratio(R, 1) == pytest.approx(PSR, abs=1e-6)
    # more trials deflate more
    assert kpis.deflated_sharpe_ratio(R, 100) < kpis.deflated_sharpe_ratio(R, 10) < PSR


@pytest.mark.parametrize("n", [300, 301])  # an odd count uses half of the last draw
def test_bootstrap_matches_a_brute_force_resample(n):
    rng = np.random.default_rng(1)
    r = rng.normal(0.001, 0.01, n)
    ci = kpis.bootstrap_ci(r, 252, n_resamples=200, seed=3)
    samples = r[block_picks(3, 200, n)]
    sharpe = samples.mean(axis=1) / samples.std(axis=1, ddof=1) * math.sqrt(252)
    total = np.prod(1 + samples, axis=1) - 1
    assert ci["sharpe_ci_low"] == pytest.approx(np.percentile(sharpe, 2.5), rel=1e-9)
    assert ci["sharpe_ci_high"] == pytest.approx(np.percentile(sharpe, 97.5), rel=1e-9)
    assert ci["return_ci_low"] == pytest.approx(np.percentile(total, 2.5), rel=1e-9)
    assert ci["return_ci_high"] == pytest.approx(np.percentile(total, 97.5), rel=1e-9)
    assert kpis.bootstrap_ci(r, 252, n_resamples=200, seed=3) == ci
    assert kpis.bootstrap_ci(r, 252, n_resamples=200, seed=4) != ci


def test_bootstrap_draws_every_block_alike():
    picks = block_picks(11, 400, 5000)
    assert picks.min() == 0 and picks.max() == 4999
    counts = np.bincount(picks.ravel(), minlength=5000)  # 400 draws a block on average
    chi2 = ((counts - 400.0) ** 2 / 400.0).sum()  # ~ chi-square, 4999 degrees of freedom
    assert abs(chi2 - 4999) < 6 * math.sqrt(2 * 4999)
    rows = np.corrcoef(picks[:, :-1].ravel(), picks[:, 1:].ravel())[0, 1]  # neighboring draws
    assert abs(rows) < 0.01
    assert not np.array_equal(block_picks(11, 2, 5000), block_picks(12, 2, 5000))


def test_bootstrap_of_constant_returns_is_exact():
    ci = kpis.bootstrap_ci(np.full(50, 0.01), 252, n_resamples=50)
    assert ci["return_ci_low"] == pytest.approx(1.01**50 - 1) and ci["return_ci_high"] == pytest.approx(
        1.01**50 - 1
    )
    assert ci["sharpe_ci_low"] is not None and math.isnan(ci["sharpe_ci_low"])


def test_compute_metrics_is_json_safe():
    m = kpis.compute_metrics(np.array([100.0, 100.0, 100.0]), 252, trade_pnl=np.array([]))
    assert m["total_return"] == 0.0
    assert m["sharpe_ratio"] is None and m["win_rate"] is None and m["num_trades"] == 0.0
    assert all(v is None or math.isfinite(v) for v in m.values())
