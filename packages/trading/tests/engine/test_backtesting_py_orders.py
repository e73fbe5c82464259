"""Limit and stop entries with stop-loss / take-profit match backtesting.py 0.6.6 on GOOG, trade for trade."""

import warnings

import numpy as np
import pytest
from backtesting import Backtest, Strategy
from backtesting.lib import crossover
from backtesting.test import GOOG, SMA

from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest

OFFSET, SL, TP = 0.01, 0.04, 0.08


class LimitSmaCross(Strategy):
    """Crossovers place limit (or stop) orders 1 % from the close; trades get SL/TP from their fill price."""

    kind = "limit"

    def init(self):
        self.ma1 = self.I(SMA, self.data.Close, 10)
        self.ma2 = self.I(SMA, self.data.Close, 20)

    def next(self):
        for trade in self.trades:
            if trade.sl is None:
                sign = 1 if trade.is_long else -1
                trade.sl = trade.entry_price * (1 - sign * SL)
                trade.tp = trade.entry_price * (1 + sign * TP)
        close = self.data.Close[-1]
        if crossover(self.ma1, self.ma2):
            self.buy(**self.prices(close, 1))
        elif crossover(self.ma2, self.ma1):
            self.sell(**self.prices(close, -1))

    def prices(self, close, sign):
        if self.kind == "limit":
            return {"limit": close * (1 - sign * OFFSET)}
        stop = close * (1 + sign * OFFSET)
        return (
            {"stop": stop, "limit": stop * (1 + sign * OFFSET)}
            if self.kind == "stop_limit"
            else {"stop": stop}
        )


@pytest.mark.parametrize(
    ("kind", "commission"), [("limit", 0.0), ("limit", 0.002), ("stop", 0.002), ("stop_limit", 0.002)]
)
def test_limit_and_stop_orders_with_stop_loss_and_take_profit(kind, commission):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = Backtest(GOOG, LimitSmaCross, commission=commission, exclusive_orders=True).run(kind=kind)
    config = EngineConfig.backtesting_py(
        commission=commission,
        entry_order=kind,
        limit_offset_pct=OFFSET if kind != "stop" else 0.0,
        stop_offset_pct=OFFSET if kind != "limit" else 0.0,
        stop_loss_pct=SL,
        take_profit_pct=TP,
    )
    out = run_backtest(
        OHLCV.from_dataframe(GOOG), build_strategy("sma_crossover", {"fast": 10, "slow": 20}), config
    )
    trades = ref["_trades"]
    t = out.trade_table
    reasons = {r.exit_reason.value for r in out.trades}
    assert {"stop_loss", "take_profit", "signal"} <= reasons
    np.testing.assert_array_equal(t["entry_bar"], trades["EntryBar"].to_numpy())
    np.testing.assert_array_equal(t["exit_bar"], trades["ExitBar"].to_numpy())
    np.testing.assert_array_equal(t["units"], trades["Size"].to_numpy())
    np.testing.assert_allclose(t["entry_price"], trades["EntryPrice"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(t["exit_price"], trades["ExitPrice"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(t["pnl"], trades["PnL"].to_numpy(), rtol=1e-9)
    assert abs(out.final_equity / ref["Equity Final [$]"] - 1) <= 1e-9
