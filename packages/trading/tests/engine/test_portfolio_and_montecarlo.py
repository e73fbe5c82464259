"""Portfolio backtest, correlation matrix and Monte Carlo projection against hand-computed values."""

import numpy as np
import pytest

from quant_trading.engine.montecarlo import correlation_matrix, monte_carlo_projection
from quant_trading.engine.portfolio import align_closes, rebalance_mask, run_portfolio_backtest

from .bars import DAY, bars

TS = 1_704_067_200_000 + DAY * np.arange(4)
CLOSES = np.array([[10.0, 20.0], [11.0, 20.0], [12.0, 18.0], [12.0, 24.0]])


def test_rebalanced_portfolio_by_hand():
    out = run_portfolio_backtest(TS, CLOSES, ["A", "B"], {"A": 0.5, "B": 0.5}, 2, initial_cash=1000)
    # bar 0: 50 A + 25 B; bar 2 (value 1050): 43.75 A + 29.1667 B; bar 3: 525 + 700
    np.testing.assert_allclose(out.equity, [1000, 1050, 1050, 1225])
    assert out.contribution["A"] == pytest.approx(100) and out.contribution["B"] == pytest.approx(125)
    np.testing.assert_allclose(out.weights[2], [0.5, 0.5])
    np.testing.assert_allclose(out.weights[1], [550 / 1050, 500 / 1050])
    assert list(out.rebalance_bars) == [0, 2]
    assert out.metrics["total_return"] == pytest.approx(0.225)


def test_costs_on_traded_notional_add_up():
    out = run_portfolio_backtest(
        TS[:2],
        CLOSES[:2],
        ["A", "B"],
        {"A": 0.6, "B": 0.3},
        "never",
        initial_cash=1000,
        commission=0.01,
        commission_fixed=1,
    )
    # weights of the equity e left after the costs: e = 1000 - 1 % x 0.9 e - 2 x 1, so e = 998 / 1.009
    e = 998 / 1.009
    assert out.costs == pytest.approx({"A": 0.006 * e + 1, "B": 0.003 * e + 1})
    np.testing.assert_allclose(out.equity, [e, e * 1.06])  # A +10 % on a 0.6 weight
    assert out.contribution["A"] == pytest.approx(0.054 * e - 1)
    assert out.contribution["B"] == pytest.approx(-0.003 * e - 1)
    assert sum(out.contribution.values()) == pytest.approx(out.equity[-1] - 1000)
    assert out.weights[0].sum() == pytest.approx(0.9)
    daily = run_portfolio_backtest(TS, CLOSES, ["A", "B"], {"A": 0.6, "B": 0.3}, 1, commission=0.01)
    assert sum(daily.contribution.values()) == pytest.approx(daily.equity[-1] - 10_000)
    assert daily.costs["A"] > 60


def test_bad_weights_are_rejected():
    with pytest.raises(ValueError, match="weights"):
        run_portfolio_backtest(TS, CLOSES, ["A", "B"], {"A": 0.8, "B": 0.8})
    with pytest.raises(ValueError, match="weights"):
        run_portfolio_backtest(TS, CLOSES, ["A", "B"], {"C": 1.0})


def test_rebalance_calendar():
    stamps = np.array(
        ["2024-01-30", "2024-01-31", "2024-02-01", "2024-04-02", "2025-01-02"], dtype="datetime64[ms]"
    )
    ts = stamps.astype(np.int64)
    assert list(rebalance_mask(ts, "monthly")) == [True, False, True, True, True]
    assert list(rebalance_mask(ts, "quarterly")) == [True, False, False, True, True]
    assert list(rebalance_mask(ts, "yearly")) == [True, False, False, False, True]
    assert list(rebalance_mask(ts, "never")) == [True, False, False, False, False]
    # 2024-01-07 is a Sunday, 2024-01-08 a Monday
    week = np.array(["2024-01-05", "2024-01-07", "2024-01-08"], dtype="datetime64[ms]").astype(np.int64)
    assert list(rebalance_mask(week, "weekly")) == [True, False, True]


def test_align_closes_intersects_timestamps():
    a = bars([(1, 1, 1, 1.0), (2, 2, 2, 2.0), (3, 3, 3, 3.0)])
    b = bars([(5, 5, 5, 5.0), (6, 6, 6, 6.0)])
    ts, closes = align_closes({"a": a, "b": b})
    assert list(ts) == list(a.timestamp[:2]) and closes.tolist() == [[1, 5], [2, 6]]


def test_correlation_matrix():
    a = np.array([100.0, 110, 99, 108.9])  # +10 %, -10 %, +10 %
    b = np.array([50.0, 51, 49.98, 50.9796])  # +2 %, -2 %, +2 %
    c = np.array([10.0, 9, 9.9, 8.91])  # the mirror image
    m = correlation_matrix(np.column_stack([a, b, c]))
    np.testing.assert_allclose(m, [[1, 1, -1], [1, 1, -1], [-1, -1, 1]], atol=1e-9)


def test_monte_carlo_of_constant_returns_is_a_single_path():
    eq = 100 * 1.01 ** np.arange(20)
    mc = monte_carlo_projection(eq, horizon=5, n_paths=200)
    expected = eq[-1] * 1.01 ** np.arange(6)
    for band in mc["bands"].values():
        np.testing.assert_allclose(band, expected)
    assert mc["probability_of_loss"] == 0.0


def test_monte_carlo_bands_are_ordered_and_seeded():
    rng = np.random.default_rng(2)
    eq = 100 * np.cumprod(1 + rng.normal(0.0005, 0.01, 500))
    mc = monte_carlo_projection(eq, horizon=50, n_paths=500, seed=1, block=5)
    assert np.all(mc["bands"]["p5"] <= mc["bands"]["p50"]) and np.all(
        mc["bands"]["p50"] <= mc["bands"]["p95"]
    )
    assert mc["bands"]["p50"][0] == pytest.approx(eq[-1])
    again = monte_carlo_projection(eq, horizon=50, n_paths=500, seed=1, block=5)
    np.testing.assert_array_equal(mc["bands"]["p95"], again["bands"]["p95"])
    assert 0 < mc["probability_of_loss"] < 1
