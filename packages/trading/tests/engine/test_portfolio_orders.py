"""Order features of multi-asset portfolios by hand: a stop sells one asset to cash until the next
rebalance, levels restart only when a rebalance buys, margin calls liquidate every holding, leverage
weights the equity left after costs, and settings a portfolio cannot honor are refused."""

import numpy as np
import pytest

from quant_trading.engine.portfolio import run_portfolio_backtest

from .bars import DAY

TS = 1_704_067_200_000 + DAY * np.arange(5)
# (open, high, low, close) per bar of A and B
A = [(10, 10, 10, 10), (10, 10.2, 9.8, 10), (8.8, 9.0, 8.5, 8.5), (8.6, 9.1, 8.6, 9), (9, 9.9, 8.5, 9.9)]
B = [(20, 20, 20, 20), (20, 21, 19.5, 21), (21, 22, 20.5, 22), (22, 22, 21.5, 22), (22, 22, 19, 22)]


def ohlc(*assets):
    arr = np.array(assets, dtype=float)  # (assets, bars, 4)
    return [np.ascontiguousarray(arr[:, :, col].T) for col in range(4)]


def test_a_stop_sells_one_asset_and_the_next_rebalance_buys_it_back():
    o, h, lo, c = ohlc(A, B)
    out = run_portfolio_backtest(
        TS, c, ["A", "B"], {"A": 0.5, "B": 0.5}, 3, initial_cash=1000, stop_loss_pct=0.1, ohlc=(o, h, lo)
    )
    # bar 0: 50 A (stop 9), 25 B (stop 18); bar 2: A gaps below 9 and sells at the open, 8.8 -> cash 440;
    # bar 3 rebalances 990: 55 A (stop restarts at 8.1), B trimmed to 22.5 keeps its stop at 18, so
    # neither A's low of 8.5 nor B's of 19 at bar 4 stops them
    np.testing.assert_allclose(out.equity, [1000, 1025, 990, 990, 1039.5])
    np.testing.assert_allclose(out.weights[2], [0, 550 / 990])
    np.testing.assert_allclose(out.weights[3], [0.5, 0.5])
    assert out.exits == {"A": {"stop_loss": 1}, "B": {}}
    assert out.contribution == pytest.approx({"A": -10.5, "B": 50})
    assert out.margin_calls == 0


def test_a_margin_call_liquidates_every_holding_and_the_next_rebalance_reenters():
    c = np.array([[10, 10], [7, 10], [5, 9], [5, 9], [5.5, 9]], dtype=float)
    out = run_portfolio_backtest(
        TS, c, ["A", "B"], {"A": 1, "B": 1}, 3, initial_cash=1000, margin=0.5, maintenance_margin=0.3
    )
    # 100 A + 100 B on 1000 borrowed; bar 2: equity 400 < 0.3 x 1400 -> all sold at the close;
    # bar 3 buys 400 of each again (80 A), bar 4: + 80 x 0.5
    np.testing.assert_allclose(out.equity, [1000, 700, 400, 400, 440])
    np.testing.assert_allclose(out.weights[2], [0, 0])
    np.testing.assert_allclose(out.weights[3], [1, 1])
    assert out.margin_calls == 1 and out.metrics["margin_calls"] == 1
    assert out.exits == {"A": {"liquidation": 1}, "B": {"liquidation": 1}}
    assert sum(out.contribution.values()) == pytest.approx(out.equity[-1] - 1000)


def test_leverage_weights_the_equity_left_after_costs():
    c = np.array([[10.0], [11.0]])
    out = run_portfolio_backtest(
        TS[:2], c, ["A"], {"A": 2}, "never", initial_cash=1000, commission=0.01, margin=0.5
    )
    # e = 1000 - 1 % x 2e: 2e / 10 units (the single engine spends 2 x 1000 on units and fees)
    e = 1000 / 1.02
    np.testing.assert_allclose(out.equity, [e, e + 2 * e / 10])
    np.testing.assert_allclose(out.weights[0], [2.0])
    assert out.costs["A"] == pytest.approx(0.02 * e)


@pytest.mark.parametrize(
    "settings",
    [
        {"pyramiding": 2},
        {"hedging": True},
        {"allow_short": True},
        {"entry_order": "limit"},
        {"stop_loss_price": 5.0},
        {"size": 0.5},
        {"fill_timing": "next_open"},
        {"fractional_units": False},
    ],
)
def test_settings_a_portfolio_cannot_honor_are_refused(settings):
    with pytest.raises(ValueError, match=f"^{next(iter(settings))}: "):
        run_portfolio_backtest(TS[:2], np.ones((2, 1)), ["A"], {"A": 1}, **settings)


def test_settings_that_say_what_a_portfolio_does_are_accepted():
    for settings in ({"fill_timing": "this_close"}, {"trade_on_close": True}, {"fractional_units": True}):
        run_portfolio_backtest(TS[:2], np.ones((2, 1)), ["A"], {"A": 1}, **settings)
    with pytest.raises(ValueError, match="1 / margin = 2"):
        run_portfolio_backtest(TS[:2], np.ones((2, 1)), ["A"], {"A": 2.5}, margin=0.5)
