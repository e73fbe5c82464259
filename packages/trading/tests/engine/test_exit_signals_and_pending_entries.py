"""Targets with one-side exits (+-0.5) against backtesting.py 0.6.6 driven by the same targets.

An exit signal closes its side's position and cancels its side's pending entry, never the other side's
(it cancelled a pending short limit or stop entry on an exit-long signal while flat).
"""

import sys
import warnings

import numpy as np
import pytest
from backtesting import Backtest, Strategy
from backtesting.test import GOOG

from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest, run_targets

OFFSET = 0.01


class Targets(Strategy):
    """The engine's target semantics as backtesting.py orders (one order per bar's close at most)."""

    targets = None
    kind = "market"

    def init(self):
        pass

    def next(self):
        t = self.targets[len(self.data) - 1]
        if t != t:
            return
        side = 0 if not self.position else (1 if self.position.is_long else -1)
        pending = [o for o in self.orders if not o.is_contingent]
        if t in (0.5, -0.5):  # exit one side: its position and its pending entries
            if side == np.sign(t):
                self.position.close()
            for order in pending:
                if (1 if order.is_long else -1) == np.sign(t):
                    order.cancel()
            return
        if side != 0 and side != t:
            self.position.close()
        if side == t or t == 0:  # already there, or flat wanted: no entry pending
            for order in pending:
                order.cancel()
            return
        if any((1 if o.is_long else -1) == t for o in pending):
            return  # an equivalent entry is pending: kept
        for order in pending:
            order.cancel()
        close = self.data.Close[-1]
        stop = close * (1 + t * OFFSET)
        prices = {
            "market": {},
            "limit": {"limit": close * (1 - t * OFFSET)},
            "stop": {"stop": stop},
            "stop_limit": {"stop": stop, "limit": stop * (1 + t * OFFSET)},
        }[self.kind]
        (self.buy if t > 0 else self.sell)(**{"size": 1 - sys.float_info.epsilon, **prices, **self.extra()})

    def extra(self) -> dict:
        """More order arguments (sl, tp, size) of the entry placed at this bar (``reference.py``)."""
        return {}


def random_targets(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    tgt = np.full(n, np.nan)
    at = rng.choice(n, n // 4, replace=False)
    tgt[at] = rng.choice([1.0, -1.0, 0.0, 0.5, -0.5], len(at))
    tgt[:2] = np.nan  # backtesting.py's first call of next() is on bar 1
    return tgt


@pytest.mark.parametrize(
    ("kind", "on_close"),
    [("market", False), ("market", True), ("limit", False), ("limit", True)]
    + [("stop", False), ("stop_limit", False), ("stop_limit", True)],
)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_random_targets_match_backtesting_py(kind, on_close, seed):
    frame = GOOG.iloc[:400]
    tgt = random_targets(len(frame), seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = Backtest(frame, Targets, commission=0.002, trade_on_close=on_close).run(targets=tgt, kind=kind)
    config = EngineConfig.backtesting_py(
        commission=0.002,
        trade_on_close=on_close,
        entry_order=kind,
        limit_offset_pct=OFFSET if kind in ("limit", "stop_limit") else 0.0,
        stop_offset_pct=OFFSET if kind in ("stop", "stop_limit") else 0.0,
    )
    out = run_targets(OHLCV.from_dataframe(frame), tgt, config)
    trades, t = ref["_trades"], out.trade_table
    assert len(t["pnl"]) == len(trades) > 10
    np.testing.assert_array_equal(t["entry_bar"], trades["EntryBar"].to_numpy())
    np.testing.assert_array_equal(t["exit_bar"], trades["ExitBar"].to_numpy())
    np.testing.assert_array_equal(t["units"], trades["Size"].to_numpy())
    np.testing.assert_allclose(t["entry_price"], trades["EntryPrice"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(t["pnl"], trades["PnL"].to_numpy(), rtol=1e-9)
    assert abs(out.final_equity / ref["Equity Final [$]"] - 1) <= 1e-9


@pytest.mark.parametrize(
    ("kind", "offset", "side"), [("limit", "limit_offset_pct", -1), ("stop", "stop_offset_pct", 1)]
)
def test_an_exit_signal_keeps_the_other_sides_pending_entry(kind, offset, side):
    data = OHLCV.from_dataframe(GOOG.iloc[:60])
    config = EngineConfig(allow_short=True, entry_order=kind, **{offset: 0.05})
    tgt = np.full(60, np.nan)
    tgt[10] = side
    alone = run_targets(data, tgt, config).open_trade
    # the case (limit): a short of 93 @ 106.63 from bar 16, as in backtesting.py
    assert (alone.size, alone.entry_price, alone.entry_bar, np.sign(alone.pnl)) == (93, 106.63, 16, side)
    tgt[12] = -side / 2  # exit the other side while flat, this entry pending
    assert run_targets(data, tgt, config).open_trade == alone
    tgt[12] = side / 2  # exit this side: cancels its pending entry
    assert run_targets(data, tgt, config).open_trade is None


def test_a_rule_spec_exit_long_never_touches_its_short_trades():
    cross = {"type": "cross", "left": "fast", "right": "slow"}
    smas = [{"id": "fast", "kind": "sma", "period": 10}, {"id": "slow", "kind": "sma", "period": 20}]
    spec = {
        "indicators": smas,
        "entry_short": {**cross, "direction": "below"},
        "exit_short": {**cross, "direction": "above"},
    }
    exits_long = {**spec, "exit_long": {"type": "compare", "left": "close", "op": "lt", "right": "slow"}}
    data = OHLCV.from_dataframe(GOOG)
    for kind, offset in (("limit", "limit_offset_pct"), ("stop", "stop_offset_pct")):
        config = EngineConfig(allow_short=True, entry_order=kind, **{offset: 0.01})
        shorts = run_backtest(data, build_strategy("rule_based", {}, spec), config)
        both = run_backtest(data, build_strategy("rule_based", {}, exits_long), config)
        assert len(shorts.trades) > 10 and both.trades == shorts.trades
        np.testing.assert_array_equal(both.equity, shorts.equity)
