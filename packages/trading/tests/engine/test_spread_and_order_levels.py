"""Bid-ask spread, stop-loss / take-profit at absolute prices and per-order sizes against backtesting.py
0.6.6 on GOOG and EURUSD (random targets with random levels and sizes, trade for trade)."""

import numpy as np
import pytest
from backtesting.test import EURUSD, GOOG

from quant_shared.enums import ExitReason
from quant_trading.engine import EngineConfig, run_targets

from .bars import FLAT, bars, targets
from .reference import assert_same, engine, engine_config, random_targets, reference

FRAMES = {"GOOG": (GOOG.iloc[:400], 0.001, 0.002), "EURUSD": (EURUSD.iloc[:400], 0.0002, 0.0)}
CASES = [("GOOG", "market"), ("GOOG", "limit"), ("GOOG", "stop"), ("EURUSD", "market")]  # 1 % entries


@pytest.mark.parametrize(("name", "kind"), CASES)
def test_spread_matches_backtesting_py(name, kind):
    frame, spread, rate = FRAMES[name]
    tgt = random_targets(len(frame), 4)
    ref = reference(frame, backtest={"commission": rate, "spread": spread}, targets=tgt, kind=kind)
    out = engine(frame, tgt, engine_config(kind, commission=rate, spread=spread))
    assert_same(ref, out)


def levels(frame, tgt, seed, low, high):
    """Per-bar stop-loss / take-profit prices ``low``-``high`` from the close on the entry's side
    (beyond the 1 % limit / stop entry prices), and sizes."""
    rng = np.random.default_rng(seed)
    close, side = frame.Close.to_numpy(), np.where(np.abs(tgt) == 1, tgt, np.nan)
    sl = close * (1 - side * rng.uniform(low, high, len(close)))
    tp = close * (1 + side * rng.uniform(low, high, len(close)))
    return sl, tp, rng.uniform(0.2, 0.95, len(close))


@pytest.mark.parametrize(("name", "kind"), CASES)
def test_absolute_levels_and_order_sizes_match_backtesting_py(name, kind):
    frame, _, rate = FRAMES[name]
    tgt = random_targets(len(frame), 5)
    sl, tp, size = levels(frame, tgt, 5, *((0.015, 0.06) if name == "GOOG" else (0.001, 0.004)))
    ref = reference(frame, backtest={"commission": rate}, targets=tgt, kind=kind, sl=sl, tp=tp, size=size)
    out = engine(frame, tgt, engine_config(kind, commission=rate), stop_loss=sl, take_profit=tp, size=size)
    assert_same(ref, out)
    reasons = {t.exit_reason for t in out.trades}
    assert {ExitReason.STOP_LOSS, ExitReason.TAKE_PROFIT} <= reasons


def test_config_levels_and_precedence():
    """``stop_loss_price`` / ``take_profit_price`` apply to every entry; an order's own level wins over
    them, and they win over the percentages."""
    data = bars([FLAT, FLAT, (100, 101, 99, 100), (100, 101, 94, 95), FLAT])
    config = EngineConfig(stop_loss_price=96, stop_loss_pct=0.01, take_profit_price=120)
    (t,) = run_targets(data, targets(5, b1=1), config).trades
    assert (t.exit_bar, t.exit_price, t.exit_reason) == (3, 96, ExitReason.STOP_LOSS)
    own = np.full(5, np.nan)
    own[1] = 94.5
    (t,) = run_targets(data, targets(5, b1=1), config, stop_loss=own).trades
    assert t.exit_price == 94.5
    out = run_targets(data, targets(5, b1=1), config, size=np.array([np.nan, 0.5, 1, 1, 1]))
    assert out.trades[0].size == 50  # half of 10,000 at 100
