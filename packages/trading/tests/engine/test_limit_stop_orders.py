"""Limit, stop and stop-limit entries; stop-loss / take-profit with backtesting.py's fill rules."""

import pytest

from quant_shared.enums import ExitReason
from quant_trading.engine import EngineConfig, run_targets

from .bars import FLAT, bars, targets


def cfg(**kw):
    return EngineConfig(initial_cash=10_000, **kw)


def test_limit_buy_fills_at_limit_or_a_better_open():
    data = bars([FLAT, FLAT, (99, 100, 97, 98), (96, 97, 94, 95), FLAT])
    out = run_targets(data, targets(5, b1=1), cfg(entry_order="limit", limit_offset_pct=0.05))
    t = out.open_trade
    assert (t.entry_bar, t.entry_price) == (3, 95.0)  # limit 95: bar 2 low 97 misses, bar 3 low 94 fills
    gap = bars([FLAT, FLAT, (93, 94, 92, 93), FLAT])
    t = run_targets(gap, targets(4, b1=1), cfg(entry_order="limit", limit_offset_pct=0.05)).open_trade
    assert (t.entry_bar, t.entry_price) == (2, 93.0)  # gapped below the limit: min(open, limit)


def test_limit_order_expires():
    data = bars([FLAT, FLAT, FLAT, FLAT, (96, 97, 94, 95)])
    out = run_targets(
        data, targets(5, b1=1), cfg(entry_order="limit", limit_offset_pct=0.05, order_valid_bars=2)
    )
    assert out.open_trade is None


def test_stop_buy_fills_at_stop_or_a_worse_open():
    data = bars([FLAT, FLAT, (101, 104, 100, 103), (103, 106, 102, 105), FLAT])
    t = run_targets(data, targets(5, b1=1), cfg(entry_order="stop", stop_offset_pct=0.05)).open_trade
    assert (t.entry_bar, t.entry_price) == (3, 105.0)
    gap = bars([FLAT, FLAT, (107, 108, 106, 107), FLAT])
    t = run_targets(gap, targets(4, b1=1), cfg(entry_order="stop", stop_offset_pct=0.05)).open_trade
    assert (t.entry_bar, t.entry_price) == (2, 107.0)


def test_stop_sell_short():
    data = bars([FLAT, FLAT, (99, 100, 94, 95), FLAT])
    t = run_targets(data, targets(4, b1=-1), cfg(entry_order="stop", stop_offset_pct=0.05, allow_short=True))
    assert (t.open_trade.entry_bar, t.open_trade.entry_price) == (2, 95.0)


def test_stop_limit_triggers_then_fills_as_limit():
    # stop 105, limit 105 * 1.01: triggered and touched in bar 2 -> min(stop, limit) = 105
    data = bars([FLAT, FLAT, (101, 106, 100, 104), FLAT])
    kw = {"entry_order": "stop_limit", "stop_offset_pct": 0.05}
    t = run_targets(data, targets(4, b1=1), cfg(limit_offset_pct=0.01, **kw)).open_trade
    assert (t.entry_bar, t.entry_price) == (2, 105.0)
    # limit == stop counts as touched "before" the stop: no fill in the trigger bar, later a plain limit
    data = bars([FLAT, FLAT, (101, 106, 100, 104), (108, 109, 107, 108), (106, 107, 104, 105)])
    t = run_targets(data, targets(5, b1=1), cfg(limit_offset_pct=0.0, **kw)).open_trade
    assert (t.entry_bar, t.entry_price) == (4, 105.0)


def test_stop_loss_wins_over_take_profit_in_one_bar():
    data = bars([FLAT, FLAT, FLAT, (100, 111, 94, 100), FLAT])
    out = run_targets(data, targets(5, b1=1), cfg(stop_loss_pct=0.05, take_profit_pct=0.10))
    (t,) = out.trades
    assert (t.exit_bar, t.exit_price, t.exit_reason) == (3, 95.0, ExitReason.STOP_LOSS)


def test_take_profit_and_gaps():
    data = bars([FLAT, FLAT, FLAT, (101, 111, 99, 110), FLAT])
    (t,) = run_targets(data, targets(5, b1=1), cfg(take_profit_pct=0.10)).trades
    assert (t.exit_bar, t.exit_reason) == (3, ExitReason.TAKE_PROFIT) and t.exit_price == pytest.approx(110)
    gap_down = bars([FLAT, FLAT, FLAT, (90, 91, 89, 90), FLAT])
    (t,) = run_targets(gap_down, targets(5, b1=1), cfg(stop_loss_pct=0.05)).trades
    assert t.exit_price == 90.0  # gapped through the stop: min(open, stop)
    gap_up = bars([FLAT, FLAT, FLAT, (115, 116, 114, 115), FLAT])
    (t,) = run_targets(gap_up, targets(5, b1=1), cfg(take_profit_pct=0.10)).trades
    assert t.exit_price == 115.0  # gapped over the target: max(open, limit)


def test_stop_loss_in_the_entry_bar_of_a_market_order():
    data = bars([FLAT, FLAT, (100, 101, 94, 95), FLAT])
    (t,) = run_targets(data, targets(4, b1=1), cfg(stop_loss_pct=0.05)).trades
    assert (t.entry_bar, t.exit_bar, t.exit_price) == (2, 2, 95.0)


def test_short_stop_loss_and_take_profit():
    data = bars([FLAT, FLAT, FLAT, (100, 106, 99, 104), FLAT, (100, 100, 89, 90)])
    kw = {"allow_short": True, "stop_loss_pct": 0.05, "take_profit_pct": 0.10}
    (t,) = run_targets(data, targets(6, b1=-1), cfg(**kw)).trades
    assert (t.exit_bar, t.exit_price, t.exit_reason) == (3, 105.0, ExitReason.STOP_LOSS)
    (t,) = run_targets(data, targets(6, b4=-1), cfg(**kw)).trades
    assert (t.exit_bar, t.exit_price, t.exit_reason) == (5, 90.0, ExitReason.TAKE_PROFIT)
    assert t.pnl == pytest.approx(t.size * 10)


def test_slippage_hits_stops_not_limits():
    data = bars([FLAT, FLAT, FLAT, (101, 111, 99, 110), FLAT])
    (t,) = run_targets(data, targets(5, b1=1), cfg(take_profit_pct=0.10, slippage_bps=10)).trades
    assert t.entry_price == pytest.approx(100.1) and t.exit_price == pytest.approx(100.1 * 1.1)
