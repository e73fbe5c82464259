"""Fraction-of-equity sizing: size x equity pays the units and the order's fees, the fixed fee once per
order; ``backtesting_py_sizing`` keeps backtesting.py's reservation of the fixed fee once per unit."""

import warnings

import numpy as np
import pytest
from backtesting import Backtest
from backtesting.test import EURUSD, GOOG

from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest, run_targets

from .test_backtesting_py_equivalence import SmaCross

FX = OHLCV.from_dataframe(EURUSD)


def entry(config: EngineConfig, data: OHLCV = FX, bar: int = 5):
    tgt = np.full(len(data), np.nan)
    tgt[bar] = 1
    return run_targets(data, tgt, config).open_trade


@pytest.mark.parametrize("size", [1.0, 0.25])
@pytest.mark.parametrize("rate", [0.0, 0.001])
def test_fractional_units_spend_size_times_equity_with_a_fixed_fee(size, rate):
    config = EngineConfig(fractional_units=True, commission_fixed=5, commission=rate, size=size)
    t = entry(config)
    spent = t.size * t.entry_price + t.commission
    assert t.commission == pytest.approx(5 + t.size * t.entry_price * rate)
    assert spent == pytest.approx(size * 10_000, rel=1e-12)  # was 17.7 % of equity at size 1


def test_whole_units_buy_as_many_as_size_times_equity_pays_for():
    t = entry(EngineConfig(commission_fixed=5, commission=0.002, size=0.5), OHLCV.from_dataframe(GOOG))
    per_unit = t.entry_price * 1.002
    assert t.size == (5_000 - 5) // per_unit  # the fixed fee once per order
    assert t.size * per_unit + 5 <= 5_000 < (t.size + 1) * per_unit + 5


def test_backtesting_py_sizing_reserves_the_fixed_fee_per_unit():
    fill = entry(EngineConfig(fractional_units=True)).entry_price  # no fee: all cash
    t = entry(EngineConfig(fractional_units=True, commission_fixed=5, backtesting_py_sizing=True))
    assert t.size == pytest.approx(10_000 / (fill + 5))  # fill + fixed / size per unit
    assert EngineConfig.backtesting_py().backtesting_py_sizing and not EngineConfig().backtesting_py_sizing


def test_a_fixed_fee_matches_backtesting_py_in_its_sizing_mode():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = Backtest(GOOG, SmaCross, commission=(5.0, 0.002), exclusive_orders=True).run()
    data, sma = OHLCV.from_dataframe(GOOG), build_strategy("sma_crossover", {"fast": 10, "slow": 20})
    out = run_backtest(data, sma, EngineConfig.backtesting_py(commission=0.002, commission_fixed=5))
    trades, t = ref["_trades"], out.trade_table
    np.testing.assert_array_equal(t["entry_bar"], trades["EntryBar"].to_numpy())
    np.testing.assert_array_equal(t["units"], trades["Size"].to_numpy())
    np.testing.assert_allclose(t["pnl"], trades["PnL"].to_numpy(), rtol=1e-9)
    np.testing.assert_allclose(t["commission"], trades["Commission"].to_numpy(), rtol=1e-9)
    assert abs(out.final_equity / ref["Equity Final [$]"] - 1) <= 1e-9
    # the default sizing buys what the cash pays for: more units than the per-unit reservation
    config = EngineConfig.backtesting_py(commission=0.002, commission_fixed=5, backtesting_py_sizing=False)
    assert abs(run_backtest(data, sma, config).trade_table["units"][0]) > abs(t["units"][0])
