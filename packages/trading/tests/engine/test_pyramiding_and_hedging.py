"""Several open trades per instrument: pyramiding, hedging and partial closes against backtesting.py
0.6.6 (``exclusive_orders=False``) on GOOG and EURUSD, random targets, sizes, levels and closes."""

import numpy as np
import pytest
from backtesting.test import EURUSD, GOOG

from quant_shared.enums import ExitReason
from quant_trading.engine import EngineConfig, run_targets

from .bars import FLAT, bars, targets
from .reference import BookTargets, assert_same_book, engine, random_targets, reference

CASH = 100_000.0
FRAMES = {"GOOG": (GOOG.iloc[:400], 0.002, 0.04), "EURUSD": (EURUSD.iloc[:400], 0.0, 0.004)}


def orders(frame, tgt, seed, scale):
    rng = np.random.default_rng(seed)
    close, n = frame.Close.to_numpy(), len(frame)
    side = np.where(np.abs(tgt) == 1, tgt, np.nan)
    sl = close * (1 - side * rng.uniform(scale / 2, scale, n))
    tp = close * (1 + side * rng.uniform(scale / 2, scale, n))
    fractions = np.where(rng.random(n) < 0.05, rng.choice([0.25, 0.5, 0.7], n), np.nan)
    units = rng.integers(1, 20, n) * (1 if frame.Close.iloc[0] > 10 else 1000)
    return sl, tp, fractions, units.astype(float)


@pytest.mark.parametrize("name", FRAMES)
@pytest.mark.parametrize(
    ("depth", "hedge", "on_close"), [(3, False, False), (2, True, False), (3, True, True)]
)
def test_pyramiding_hedging_and_partial_closes_match_backtesting_py(name, depth, hedge, on_close):
    frame, rate, scale = FRAMES[name]
    tgt = random_targets(len(frame), depth, sides=(1.0, 1.0, -1.0, -1.0, 0.0, 0.5, -0.5))
    sl, tp, fractions, units = orders(frame, tgt, depth, scale)
    trail = scale if hedge and not on_close else None  # trailing stops on every trade of the book
    run = {"targets": tgt, "fractions": fractions, "size": units, "sl": sl, "tp": tp, "depth": depth}
    run["trail_pct"] = trail
    costs = {"spread": scale / 20, "margin": 0.5} if not hedge else {}  # spread and leverage on a book
    backtest = {"cash": CASH, "commission": rate, "hedging": hedge, "trade_on_close": on_close, **costs}
    ref = reference(frame, BookTargets, backtest, hedge=hedge, **run)
    config = EngineConfig.backtesting_py(
        initial_cash=CASH,
        commission=rate,
        sizing="fixed_units",
        size=1,
        pyramiding=depth,
        hedging=hedge,
        trade_on_close=on_close,
        trailing_stop_pct=trail,
        **costs,
    )
    orders_ = {"stop_loss": sl, "take_profit": tp, "size": units, "close_fraction": fractions}
    out = engine(frame, tgt, config, **orders_)
    assert_same_book(ref, out)
    assert len(out.open_trades) <= 2 * depth and out.open_trade == (out.open_trades or [None])[0]


def test_buying_power_with_open_trades_is_marked_at_the_fill():
    """Deliberate: a pyramided entry's buying power is (equity - open value x margin) / margin marked at
    its fill price, the bar's open; backtesting.py marks it at that bar's close (a look-ahead)."""
    rows = [FLAT, FLAT, (100, 101, 99, 100), (120, 131, 119, 130), FLAT]
    tgt = targets(5, b1=1, b2=1)
    config = EngineConfig(margin=0.5, size=0.5, pyramiding=2)
    first, second = run_targets(bars(rows), tgt, config).open_trades
    # 2 x 10,000 x 0.5 at 100 -> 100 units; at 120: equity 12,000, value 12,000 -> (12,000 - 6,000) x 2
    assert (first.size, second.size, second.entry_price) == (100, 50, 120)
    frame = EURUSD.iloc[:5].copy()
    frame[["Open", "High", "Low", "Close"]] = rows
    ref = reference(
        frame, BookTargets, {"margin": 0.5, "finalize_trades": True}, targets=tgt, size=[0.5] * 5, depth=2
    )
    assert list(ref["_trades"]["Size"]) == [100, 54]  # (13,000 - 6,500) x 2 x 0.5 // 120 at the close 130


def test_partial_closes_share_the_entry_commission_and_keep_the_levels():
    rows = [FLAT, FLAT, (100, 101, 99, 100), (110, 111, 109, 110), (110, 111, 109, 110), (110, 111, 80, 90)]
    fractions = np.array([np.nan, np.nan, 0.25, np.nan, np.nan, np.nan])
    config = EngineConfig(
        sizing="fixed_units", size=40, commission=0.01, commission_fixed=2, stop_loss_pct=0.1
    )
    out = run_targets(bars(rows), targets(6, b1=1), config, close_fraction=fractions)
    part, rest = out.trades
    assert (part.size, part.exit_bar, part.exit_price, part.exit_reason) == (10, 3, 110, ExitReason.SIGNAL)
    assert (rest.size, rest.exit_bar, rest.exit_price, rest.exit_reason) == (30, 5, 90, ExitReason.STOP_LOSS)
    entry_fee = 2 + 40 * 100 * 0.01  # paid once, shared 10 : 30 by the two records
    assert part.commission == pytest.approx(entry_fee / 4 + 2 + 10 * 110 * 0.01)
    assert part.commission + rest.commission == pytest.approx(entry_fee + 2 + 11 + 2 + 30 * 90 * 0.01)
    assert out.final_equity == pytest.approx(10_000 + part.pnl + rest.pnl)
