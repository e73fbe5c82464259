"""The README's engine rules where backtesting.py 0.6.6 is the reference: the one it shares (a stop
entry's take-profit in its entry bar) and the ones where the engine deliberately differs."""

import warnings

import numpy as np
import pandas as pd
import pytest
from backtesting import Backtest, Strategy
from backtesting.test import GOOG

from quant_shared.enums import ExitReason
from quant_trading.engine import OHLCV, EngineConfig, run_targets

from .bars import FLAT, targets
from .test_exit_signals_and_pending_entries import Targets

PCT = 0.05


class StopEntry(Strategy):
    """On bar 1 a stop buy PCT above the close, with its stop-loss and take-profit PCT from the stop."""

    def init(self):
        pass

    def next(self):
        if len(self.data) == 2:
            stop = self.data.Close[-1] * (1 + PCT)
            self.buy(stop=stop, sl=stop * (1 - PCT), tp=stop * (1 + PCT))


def frame(rows) -> pd.DataFrame:
    index = pd.date_range("2024-01-01", periods=len(rows), freq="D")
    return pd.DataFrame(rows, columns=["Open", "High", "Low", "Close"], index=index)


def both(rows, **config):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = Backtest(frame(rows), StopEntry, trade_on_close=config.get("trade_on_close", False)).run()
    cfg = EngineConfig(
        entry_order="stop", stop_offset_pct=PCT, stop_loss_pct=PCT, take_profit_pct=PCT, **config
    )
    out = run_targets(OHLCV.from_dataframe(frame(rows)), targets(len(rows), b1=1), cfg)
    return ref["_trades"], out


def test_a_stop_entry_takes_its_take_profit_in_the_entry_bar_when_the_bar_decides_it():
    # stop 105 -> take-profit 110.25 reached, stop-loss 99.75 not: the take-profit came after the fill
    trades, out = both([FLAT, FLAT, (101, 112, 100.5, 111), FLAT])
    (t,) = out.trades
    assert (t.entry_bar, t.exit_bar, t.exit_reason) == (2, 2, ExitReason.TAKE_PROFIT)
    assert t.exit_price == pytest.approx(110.25)
    assert (trades["EntryBar"][0], trades["ExitBar"][0]) == (2, 2)
    assert trades["ExitPrice"][0] == t.exit_price and trades["Size"][0] == t.size


@pytest.mark.parametrize(
    "bar",
    [(101, 112, 99, 111), (101, 106, 99, 100)],  # both levels inside the bar; the stop-loss only
)
def test_a_stop_entrys_stop_loss_counts_from_the_next_bar(bar):
    trades, out = both([FLAT, FLAT, bar, FLAT])  # the stop-loss may have come before the fill
    (t,) = out.trades
    assert (t.entry_bar, t.exit_bar, t.exit_reason, t.exit_price) == (2, 3, ExitReason.STOP_LOSS, 99.75)
    assert (trades["EntryBar"][0], trades["ExitBar"][0], trades["ExitPrice"][0]) == (2, 3, t.exit_price)


def test_a_stop_entry_gapping_through_fills_at_the_open_also_on_close_timing():
    """Deliberate: backtesting.py with ``trade_on_close`` fills a triggered stop at max(previous close,
    stop), 105 here, a price the gapped bar never traded; the engine at the bar's open as always."""
    rows = [FLAT, FLAT, (107, 108, 106, 107), (107, 108, 90, 95)]
    trades, out = both(rows, trade_on_close=True)
    (t,) = out.trades
    assert (t.entry_bar, t.entry_price) == (2, 107) and trades["EntryPrice"][0] == pytest.approx(105)


def test_on_close_timing_books_commission_in_the_fill_bar():
    """Deliberate: with ``trade_on_close`` a fill at bar i's close pays its commission in bar i's equity;
    backtesting.py books it in bar i + 1. The curves differ by exactly that at the fill bars."""
    data = GOOG.iloc[:300]
    tgt = np.full(len(data), np.nan)
    tgt[[5, 40, 90, 120]] = [1, -1, 0, 1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = Backtest(data, Targets, commission=0.01, trade_on_close=True).run(targets=tgt)
    config = EngineConfig.backtesting_py(commission=0.01, trade_on_close=True)
    out = run_targets(OHLCV.from_dataframe(data), tgt, config)
    booked = np.zeros(len(data))
    for t in out.trades + [out.open_trade]:
        entry_fee = t.size * t.entry_price * 0.01
        booked[t.entry_bar] += entry_fee
        if t.exit_bar is not None:
            booked[t.exit_bar] += t.commission - entry_fee
    assert np.count_nonzero(booked) == 4
    np.testing.assert_allclose(ref["_equity_curve"]["Equity"].to_numpy() - out.equity, booked, atol=1e-7)
    assert out.final_equity == pytest.approx(ref["Equity Final [$]"], rel=1e-12)
    assert out.metrics["total_return"] == pytest.approx(ref["Return [%]"] / 100, rel=1e-12)
