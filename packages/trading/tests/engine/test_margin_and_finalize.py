"""Margin (leverage, liquidation when equity is gone) and ``finalize_trades`` against backtesting.py
0.6.6 on GOOG and EURUSD, and the engine's own rules: a maintenance-margin call at a close, reported
as such; a position finalized at the last close (backtesting.py: at the last bar's open)."""

import pytest
from backtesting.test import EURUSD, GOOG

from quant_shared.enums import ExitReason
from quant_trading.engine import EngineConfig, run_targets

from .bars import FLAT, bars, targets
from .reference import assert_same, engine, engine_config, random_targets, reference

CASES = {"GOOG": (GOOG.iloc[:400], 0.25, 0.002), "EURUSD": (EURUSD.iloc[:400], 0.02, 0.0)}


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("seed", [0, 7])
def test_leverage_matches_backtesting_py(name, seed):
    frame, margin, rate = CASES[name]
    tgt = random_targets(len(frame), seed)
    ref = reference(frame, backtest={"commission": rate, "margin": margin}, targets=tgt)
    out = engine(frame, tgt, engine_config(commission=rate, margin=margin))
    assert_same(ref, out, min_trades=5)
    assert out.trades[0].size * out.trades[0].entry_price > 1.5 * 10_000  # leveraged


def test_a_wiped_out_leveraged_account_is_liquidated_as_backtesting_py_does():
    frame = GOOG.iloc[:400]
    tgt = random_targets(len(frame), 2)
    ref = reference(frame, backtest={"commission": 0.002, "margin": 0.05}, targets=tgt)
    out = engine(frame, tgt, engine_config(commission=0.002, margin=0.05))
    assert_same(ref, out, min_trades=1)
    assert out.final_equity == 0 and out.trades[-1].exit_reason == ExitReason.LIQUIDATION


def test_a_maintenance_margin_call_closes_the_position_and_the_run_goes_on():
    rows = [FLAT, FLAT, (100, 101, 99, 100), (100, 100, 64, 65), FLAT, FLAT, FLAT]
    config = EngineConfig(margin=0.5, maintenance_margin=0.25)
    out = run_targets(bars(rows), targets(7, b1=1, b4=1), config)
    called, later = out.trades[0], out.open_trade
    # 200 units (2 x 10,000 at 100); at 65 equity 3,000 < 25 % of 13,000: closed at that close
    assert (called.size, called.exit_bar, called.exit_price) == (200, 3, 65)
    assert called.exit_reason == ExitReason.LIQUIDATION and out.margin_calls == 1
    assert out.metrics["margin_calls"] == 1 and out.equity[3] == pytest.approx(3_000)
    assert (later.entry_bar, later.size) == (5, 60)  # 2 x 3,000 at 100
    assert run_targets(bars(rows), targets(7, b1=1), EngineConfig(margin=0.5)).margin_calls == 0


@pytest.mark.parametrize("on_close", [False, True])
def test_finalize_trades_closes_the_last_position_at_the_last_close(on_close):
    """Deliberate: backtesting.py 0.6.6 closes it at the last bar's open (with ``trade_on_close`` at the
    previous close); the engine at the last close, so the final equity is the marked one less the exit
    costs. Every earlier trade is the same."""
    frame, rate = GOOG.iloc[:300], 0.002
    tgt = random_targets(len(frame), 1, sides=(1.0, -1.0))
    backtest = {"commission": rate, "finalize_trades": True, "trade_on_close": on_close}
    ref = reference(frame, backtest=backtest, targets=tgt)
    config = engine_config(commission=rate, finalize_trades=True, trade_on_close=on_close)
    out, kept = (
        engine(frame, tgt, config),
        engine(frame, tgt, config.model_copy(update={"finalize_trades": False})),
    )
    last, ref_last = out.trades[-1], ref["_trades"].iloc[-1]
    assert (
        len(out.trades) == len(ref["_trades"]) and out.trades[:-1] == kept.trades and out.open_trade is None
    )
    assert (last.exit_bar, last.exit_price, last.exit_reason) == (
        299,
        frame.Close.iloc[-1],
        ExitReason.END_OF_DATA,
    )
    assert ref_last["ExitPrice"] == (frame.Close.iloc[-2] if on_close else frame.Open.iloc[-1])
    assert (last.entry_bar, last.size) == (kept.open_trade.entry_bar, abs(ref_last["Size"]))
    exit_fee = last.size * last.exit_price * rate
    assert out.final_equity == pytest.approx(kept.final_equity - exit_fee, rel=1e-12)
