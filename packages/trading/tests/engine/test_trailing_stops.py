"""Trailing stops, percent and ATR multiple, against backtesting.py 0.6.6 on GOOG and EURUSD (random
targets, trade for trade), and the engine's rules: the stop moves at each close, only in the trade's
favour, from the fill bar's close on; no ATR trailing before the ATR has its bars (no look-ahead)."""

import numpy as np
import pytest
from backtesting.test import EURUSD, GOOG

from quant_shared.enums import ExitReason
from quant_trading.engine import EngineConfig, run_targets
from quant_trading.engine.backtest import trailing_atr

from .bars import FLAT, bars, targets
from .reference import AtrTargets, OrderTargets, assert_same, engine, engine_config, random_targets, reference

FRAMES = {"GOOG": (GOOG.iloc[:400], 0.04, 0.002), "EURUSD": (EURUSD.iloc[:400], 0.002, 0.0)}


@pytest.mark.parametrize("name", FRAMES)
@pytest.mark.parametrize("seed", [0, 1])
def test_percent_trailing_stop_matches_backtesting_py(name, seed):
    frame, pct, rate = FRAMES[name]
    tgt = random_targets(len(frame), seed)
    ref = reference(frame, OrderTargets, {"commission": rate}, targets=tgt, trail_pct=pct)
    out = engine(frame, tgt, engine_config(commission=rate, trailing_stop_pct=pct))
    assert_same(ref, out)
    assert ExitReason.STOP_LOSS in {t.exit_reason for t in out.trades}


@pytest.mark.parametrize("name", FRAMES)
def test_atr_trailing_stop_matches_backtesting_pys_trailing_strategy(name):
    frame, _, rate = FRAMES[name]
    tgt = random_targets(len(frame), 3, start=16)  # after the ATR's 14 bars (backtesting.py back-fills them)
    ref = reference(frame, AtrTargets, {"commission": rate}, targets=tgt, n_atr=2.0, periods=14)
    out = engine(frame, tgt, engine_config(commission=rate, trailing_stop_atr=2.0, atr_period=14))
    assert_same(ref, out)
    assert ExitReason.STOP_LOSS in {t.exit_reason for t in out.trades}


LONG = [FLAT, FLAT, (100, 101, 99, 100), (100, 121, 100, 120), (120, 120, 110, 110), (110, 111, 107, 108)]
SHORT = [FLAT, FLAT, (100, 101, 99, 100), (100, 100, 79, 80), (80, 87, 80, 87), (87, 89, 86, 88)]


@pytest.mark.parametrize(("side", "rows", "stop"), [(1, LONG, 108), (-1, SHORT, 88)])
def test_the_stop_only_moves_in_the_trades_favour(side, rows, stop):
    config = EngineConfig(allow_short=True, trailing_stop_pct=0.1)
    (t,) = run_targets(bars(rows), targets(6, b1=side), config).trades
    # long: 90 -> 108 at close 120, kept at close 110 (99 would loosen it); short: 110 -> 88, kept at 87
    assert (t.entry_bar, t.exit_bar, t.exit_reason) == (2, 5, ExitReason.STOP_LOSS)
    assert t.exit_price == pytest.approx(stop)


def test_no_atr_trailing_before_the_atr_has_its_bars():
    rows = [(100, 102, 98, 100)] * 4 + [(100, 100, 80, 81), FLAT]
    data = bars(rows)
    atr = trailing_atr(data, 3)
    assert np.isnan(atr[:3]).all() and atr[3] == pytest.approx(4.0)
    out = run_targets(data, targets(6, b0=1), EngineConfig(trailing_stop_atr=1.0, atr_period=3))
    (t,) = out.trades  # no stop at bars 1-2 (no ATR yet); 100 - 4 = 96 from bar 3's close, hit at bar 4
    assert (t.entry_bar, t.exit_bar, t.exit_price) == (1, 4, 96.0)


def test_on_close_entries_trail_from_their_fill_bars_close():
    """Deliberate: a ``trade_on_close`` entry at bar 1's close has its trailing stop from that close
    (active in bar 2); backtesting.py moves it first at bar 2's close."""
    rows = [FLAT, FLAT, (100, 101, 94, 100), (100, 101, 90, 91), FLAT]
    tgt = targets(5, b1=1)
    out = run_targets(bars(rows), tgt, EngineConfig(trade_on_close=True, trailing_stop_pct=0.05))
    (t,) = out.trades
    assert (t.entry_bar, t.entry_price, t.exit_bar, t.exit_price) == (1, 100, 2, 95)
    frame = EURUSD.iloc[:5].copy()
    frame[["Open", "High", "Low", "Close"]] = rows
    ref = reference(frame, OrderTargets, {"trade_on_close": True}, targets=tgt, trail_pct=0.05)
    assert (ref["_trades"]["EntryBar"][0], ref["_trades"]["ExitBar"][0]) == (1, 3)


def test_a_queued_signal_exit_goes_first_at_the_open():
    """The exit signal of bar 2 executes at bar 3's open, before the stop-loss that bar also reaches
    (backtesting.py the same when the stop is set before the exit order, as ``OrderTargets`` does)."""
    rows = [FLAT, FLAT, (100, 101, 99, 100), (99, 99, 80, 85), FLAT]
    (t,) = run_targets(bars(rows), targets(5, b1=1, b2=0), EngineConfig(trailing_stop_pct=0.02)).trades
    assert (t.exit_bar, t.exit_price, t.exit_reason) == (3, 99, ExitReason.SIGNAL)
