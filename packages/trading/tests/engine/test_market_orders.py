"""Market orders, sizing, costs and long/short handling on hand-made bars."""

import pytest

from quant_shared.enums import ExitReason, PositionSizing, TradeType
from quant_trading.engine import EngineConfig, run_targets

from .bars import FLAT, bars, targets

DATA = bars(
    [FLAT, FLAT, (102, 104, 101, 103), (103, 106, 102, 105), (108, 109, 107, 108), (108, 109, 100, 101)]
)


def test_market_next_open_long_round_trip():
    out = run_targets(DATA, targets(6, b1=1, b3=0), EngineConfig(initial_cash=1000))
    (t,) = out.trades
    assert (t.entry_bar, t.entry_price, t.exit_bar, t.exit_price, t.size) == (
        2,
        102,
        4,
        108,
        9,
    )  # 1000 // 102
    assert t.pnl == pytest.approx(9 * 6) and t.side == TradeType.LONG and t.exit_reason == ExitReason.SIGNAL
    assert out.final_equity == pytest.approx(1054)
    assert list(out.position) == [0, 0, 9, 9, 0, 0]
    assert out.equity[3] == pytest.approx(1000 + 9 * (105 - 102))
    assert out.exposure == pytest.approx(2 / 6) and out.metrics["exposure_time"] == pytest.approx(2 / 6)


def test_fill_at_this_close():
    out = run_targets(DATA, targets(6, b1=1, b3=0), EngineConfig(initial_cash=1000, fill_timing="this_close"))
    (t,) = out.trades
    assert (t.entry_bar, t.entry_price, t.exit_bar, t.exit_price, t.size) == (1, 100, 3, 105, 10)


def test_commission_fixed_fee_and_slippage():
    cfg = EngineConfig(initial_cash=1000, commission=0.01, commission_fixed=2, slippage_bps=100)
    out = run_targets(DATA, targets(6, b1=1, b3=0), cfg)
    (t,) = out.trades
    buy, sell = 102 * 1.01, 108 * 0.99
    units = (1000 * 1.0 - 2) // (buy + buy * 0.01)  # size x equity pays the units and the order's fees
    assert t.size == units == 9
    entry_fee, exit_fee = 2 + units * buy * 0.01, 2 + units * sell * 0.01
    assert t.entry_price == pytest.approx(buy) and t.exit_price == pytest.approx(sell)
    assert t.commission == pytest.approx(entry_fee + exit_fee)
    assert t.pnl == pytest.approx(units * (sell - buy) - entry_fee - exit_fee)
    assert out.final_equity == pytest.approx(1000 + t.pnl)


def test_short_then_reverse_and_long_only():
    tgt = targets(6, b1=-1, b3=1)
    short = run_targets(DATA, tgt, EngineConfig(initial_cash=1000, allow_short=True))
    first = short.trades[0]
    assert first.side == TradeType.SHORT and (first.entry_price, first.exit_price) == (102, 108)
    assert first.pnl == pytest.approx(-9 * 6)
    assert short.open_trade is not None and short.open_trade.side == TradeType.LONG
    assert short.open_trade.size == (1000 - 54) // 108 and short.open_trade.entry_bar == 4
    long_only = run_targets(DATA, tgt, EngineConfig(initial_cash=1000))
    assert long_only.trades == [] and long_only.open_trade.entry_price == 108


def test_exit_long_signal_does_not_close_a_short():
    cfg = EngineConfig(initial_cash=1000, allow_short=True)
    out = run_targets(DATA, targets(6, b1=-1, b2=0.5, b3=-0.5), cfg)
    (t,) = out.trades
    assert t.side == TradeType.SHORT and t.exit_bar == 4


def test_fixed_units_and_unaffordable_orders():
    out = run_targets(
        DATA, targets(6, b1=1, b3=0), EngineConfig(initial_cash=1000, sizing="fixed_units", size=3)
    )
    assert out.trades[0].size == 3 and out.trades[0].pnl == pytest.approx(18)
    cfg = EngineConfig(initial_cash=100, sizing=PositionSizing.FIXED_UNITS, size=3)
    assert run_targets(DATA, targets(6, b1=1, b3=0), cfg).trades == []


def test_fractional_units_and_fraction_of_equity():
    cfg = EngineConfig(initial_cash=1000, size=0.5, fractional_units=True)
    (t,) = run_targets(DATA, targets(6, b1=1, b3=0), cfg).trades
    assert t.size == pytest.approx(500 / 102)


def test_a_blown_up_short_stops_the_run():
    data = bars([FLAT, FLAT, (100, 101, 99, 100), (150, 210, 150, 205), (300, 310, 290, 300)])
    out = run_targets(data, targets(5, b1=-1), EngineConfig(initial_cash=1000, allow_short=True))
    (t,) = out.trades
    # short 10 at 100; at 205 equity is 1000 - 10 * 105 < 0: closed at that close, equity 0 afterwards
    assert (t.exit_bar, t.exit_price, t.exit_reason) == (3, 205, ExitReason.LIQUIDATION)
    assert list(out.equity[3:]) == [0, 0] and out.open_trade is None


def test_targets_must_cover_every_bar():
    with pytest.raises(ValueError, match="targets: 3 values for 6 bars"):
        run_targets(DATA, targets(3), EngineConfig())
