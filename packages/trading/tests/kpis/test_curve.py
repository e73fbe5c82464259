"""The fused curve KPIs of ``compute_metrics`` equal the per-KPI definitions, edge cases included."""

import math

import numpy as np
import pytest

from quant_trading import kpis
from quant_trading.kpis import probabilistic


def reference(eq, ppy, units, bench, rf, n_trials=1, trial_sharpes=None, initial=None) -> dict:
    """The KPIs as the one-function-per-KPI modules define them (``compute_metrics`` before fusing)."""
    r = kpis.simple_returns(eq)
    stats = probabilistic.moments(r)
    ann, mdd = kpis.annualized_return(eq, ppy, initial), kpis.max_drawdown(eq, initial)
    out = {
        "start_equity": initial if initial is not None else (eq[0] if len(eq) else math.nan),
        "total_return": kpis.total_return(eq, initial),
        "annualized_return": ann,
        "annualized_volatility": kpis.annualized_volatility(r, ppy),
        "sharpe_ratio": kpis.sharpe_ratio(r, ppy, rf),
        "sortino_ratio": kpis.sortino_ratio(r, ppy, rf),
        "calmar_ratio": kpis.calmar_ratio(eq, ppy, initial),
        "max_drawdown": mdd,
        "max_drawdown_duration_bars": kpis.max_drawdown_duration(eq, initial),
        "exposure_time": kpis.exposure_time(units) if units is not None else math.nan,
        "skewness": stats[1],
        "kurtosis": stats[2],
        "probabilistic_sharpe_ratio": kpis.probabilistic_sharpe_ratio(r, stats=stats),
        "deflated_sharpe_ratio": kpis.deflated_sharpe_ratio(r, n_trials, trial_sharpes, stats),
    }
    if bench is not None and len(bench) == len(eq):
        out["alpha"], out["beta"] = kpis.alpha_beta(r, kpis.simple_returns(bench), ppy, rf)
        out["buy_and_hold_return"] = kpis.total_return(bench)
    return kpis.json_safe(out)


def assert_same(eq, ppy=252.0, units=None, bench=None, rf=0.0, **kw) -> dict:
    got = kpis.compute_metrics(eq, ppy, units=units, benchmark_close=bench, rf=rf, bootstrap_samples=0, **kw)
    expected = reference(np.asarray(eq, dtype=np.float64), ppy, units, bench, rf, **kw)
    for key, value in expected.items():
        assert key in got, key
        if value is None:
            assert got[key] is None, (key, got[key])
        else:
            assert got[key] == pytest.approx(value, rel=1e-9, abs=1e-12), key
    assert ("alpha" in got) == ("alpha" in expected)
    return got


def walk(n: int, seed: int, drift: float = 0.0002) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return 10_000.0 * np.cumprod(1.0 + rng.normal(drift, 0.01, n))


@pytest.mark.parametrize("rf", [0.0, 0.04])
def test_a_long_random_curve_with_a_benchmark_and_positions(rf):
    eq, bench = walk(50_000, 1), walk(50_000, 2)
    units = np.where(np.arange(50_000) % 7 < 3, 0.0, 5.0)
    got = assert_same(
        eq, 525_960.0, units, bench, rf, n_trials=40, trial_sharpes=np.linspace(-0.01, 0.02, 40)
    )
    assert got["max_drawdown"] < 0 and got["max_drawdown_duration_bars"] > 100
    assert got["exposure_time"] == pytest.approx(4 / 7, rel=1e-3)


def test_the_hand_computed_curve():
    got = assert_same([100.0, 110.0, 99.0, 118.8], 4.0, np.array([0.0, 1.0, 1.0, 0.0]))
    assert got["sharpe_ratio"] == pytest.approx(0.872872, rel=1e-6)
    assert got["max_drawdown"] == pytest.approx(-0.1)
    assert got["exposure_time"] == 0.5


def test_a_curve_wiped_out_keeps_zero_returns_afterwards():
    eq = np.concatenate([walk(100, 3), np.zeros(20)])
    got = assert_same(eq, 252.0, bench=walk(120, 4))
    assert got["max_drawdown"] == -1.0 and got["max_drawdown_duration_bars"] >= 20


@pytest.mark.parametrize(
    "eq",
    [
        [],
        [100.0],
        [100.0, 101.0],
        [100.0, 101.0, 102.01],  # one constant return: no spread, no Sharpe
        [100.0, 100.0, 100.0, 100.0],  # flat: every ratio undefined
        [100.0, 101.0, 103.0, 104.0, 108.0],  # only gains: no drawdown, infinite Sortino
    ],
)
def test_short_and_degenerate_curves(eq):
    assert_same(eq, 252.0, np.ones(len(eq)), np.linspace(1.0, 2.0, len(eq)), 0.0)


def test_a_benchmark_of_another_length_gives_no_alpha_and_a_flat_benchmark_no_beta():
    eq = walk(500, 5)
    assert "alpha" not in assert_same(eq, 252.0, bench=walk(499, 6))
    got = assert_same(eq, 252.0, bench=np.full(500, 50.0))
    assert got["alpha"] is None and got["beta"] is None and got["buy_and_hold_return"] == 0.0


@pytest.mark.parametrize("initial", [9_000.0, 10_000.0, 10_500.0, 12_000.0])
def test_an_initial_value_before_the_first_bar(initial):
    """Start equity, total and annualized return and the first drawdown peak count from ``initial``."""
    eq = walk(2_000, 7)
    got = assert_same(eq, 252.0, np.ones(2_000), walk(2_000, 8), 0.01, initial=initial)
    assert got["start_equity"] == initial and got["total_return"] == pytest.approx(eq[-1] / initial - 1)
    assert got["max_drawdown"] <= min(0.0, eq[0] / initial - 1)


@pytest.mark.parametrize("eq", [[], [100.0], [100.0, 0.0, 0.0], [90.0, 95.0, 120.0]])
def test_short_curves_with_an_initial_value(eq):
    assert_same(eq, 252.0, initial=100.0)
