"""SMA(10)/SMA(20) crossover on backtesting.py's GOOG equals backtesting.py 0.6.6 trade for trade."""

import warnings

import numpy as np
import pytest
from backtesting import Backtest, Strategy
from backtesting.lib import crossover
from backtesting.test import GOOG, SMA

from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest
from quant_trading.kpis import profit_factor


class SmaCross(Strategy):
    def init(self):
        self.ma1 = self.I(SMA, self.data.Close, 10)
        self.ma2 = self.I(SMA, self.data.Close, 20)

    def next(self):
        if crossover(self.ma1, self.ma2):
            self.buy()
        elif crossover(self.ma2, self.ma1):
            self.sell()


@pytest.fixture(scope="module")
def reference():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Backtest(GOOG, SmaCross, commission=0.002, exclusive_orders=True).run()


@pytest.fixture(scope="module")
def ours():
    config = EngineConfig.backtesting_py(commission=0.002)
    strategy = build_strategy("sma_crossover", {"fast": 10, "slow": 20})
    return run_backtest(OHLCV.from_dataframe(GOOG), strategy, config)


def test_same_trades(reference, ours):
    ref = reference["_trades"]
    t = ours.trade_table
    assert len(ref) == len(t["pnl"]) > 50
    index = GOOG.index
    np.testing.assert_array_equal(t["entry_bar"], ref["EntryBar"].to_numpy())
    np.testing.assert_array_equal(t["exit_bar"], ref["ExitBar"].to_numpy())
    np.testing.assert_array_equal(t["units"], ref["Size"].to_numpy())
    np.testing.assert_allclose(t["entry_price"], ref["EntryPrice"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(t["exit_price"], ref["ExitPrice"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(t["pnl"], ref["PnL"].to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(t["return_pct"], ref["ReturnPct"].to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(t["commission"], ref["Commission"].to_numpy(), rtol=1e-9)
    assert list(index[t["entry_bar"]]) == list(ref["EntryTime"])


def test_same_final_equity_and_curve(reference, ours):
    assert abs(ours.final_equity / reference["Equity Final [$]"] - 1) <= 1e-9
    ref_curve = reference["_equity_curve"]["Equity"].to_numpy()
    np.testing.assert_allclose(ours.equity, ref_curve, rtol=1e-9)
    assert abs(ours.metrics["max_drawdown"] - reference["Max. Drawdown [%]"] / 100) <= 1e-9
    assert ours.metrics["num_trades"] == reference["# Trades"]
    assert abs(ours.metrics["win_rate"] - reference["Win Rate [%]"] / 100) <= 1e-12
    assert abs(ours.metrics["sqn"] - reference["SQN"]) <= 1e-9
    # backtesting.py's profit factor is computed on trade returns, ours on cash PnL
    assert abs(profit_factor(ours.trade_table["return_pct"]) - reference["Profit Factor"]) <= 1e-9


def test_open_trade_at_the_end_is_left_out(reference, ours):
    assert ours.open_trade is not None  # GOOG ends inside a position
    assert ours.open_trade.entry_bar > int(reference["_trades"]["ExitBar"].max()) - 1


def test_trade_on_close_matches_backtesting_py():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = Backtest(GOOG, SmaCross, commission=0.002, exclusive_orders=True, trade_on_close=True).run()
    config = EngineConfig.backtesting_py(commission=0.002, trade_on_close=True)
    out = run_backtest(
        OHLCV.from_dataframe(GOOG), build_strategy("sma_crossover", {"fast": 10, "slow": 20}), config
    )
    trades = ref["_trades"]
    np.testing.assert_array_equal(out.trade_table["entry_bar"], trades["EntryBar"].to_numpy())
    np.testing.assert_array_equal(out.trade_table["units"], trades["Size"].to_numpy())
    np.testing.assert_allclose(out.trade_table["pnl"], trades["PnL"].to_numpy(), rtol=1e-9)
    assert abs(out.final_equity / ref["Equity Final [$]"] - 1) <= 1e-9
