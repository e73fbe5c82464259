"""backtesting.py 0.6.6 driven by the engine's targets, with the order features of issue 22, and the
comparison of its run with the engine's, trade for trade."""

import warnings

import numpy as np
import pandas as pd
from backtesting import Backtest, Strategy
from backtesting.lib import TrailingStrategy

from quant_trading.engine import OHLCV, EngineConfig, run_targets

from .test_exit_signals_and_pending_entries import OFFSET, Targets


def trail(strategy) -> None:
    """A percentage trailing stop moved at the close, exactly ``trail_pct`` from it."""
    close, pct = strategy.data.Close[-1], strategy.trail_pct
    for trade in strategy.trades if pct else ():
        if trade.is_long:
            trade.sl = max(trade.sl or -np.inf, close * (1 - pct))
        else:
            trade.sl = min(trade.sl or np.inf, close * (1 + pct))


class OrderTargets(Targets):
    """Targets whose entries carry their own stop-loss / take-profit price and size (arrays by bar),
    and a percentage trailing stop moved at each close (exact, unlike ``set_trailing_pct``)."""

    sl = tp = size = None
    trail_pct = None

    def next(self):
        trail(self)  # before the targets: a signal exit queued now goes first at the next open
        super().next()

    def extra(self) -> dict:
        i = len(self.data) - 1
        out = {}
        for key in ("sl", "tp", "size"):
            values = getattr(self, key)
            if values is not None and values[i] == values[i]:
                out[key] = float(values[i])
        return out


class AtrTargets(Targets, TrailingStrategy):
    """Targets with backtesting.py's own ATR trailing stop (``TrailingStrategy``)."""

    n_atr = 3.0
    periods = 14

    def init(self):
        TrailingStrategy.init(self)
        self.set_atr_periods(self.periods)
        self.set_trailing_sl(self.n_atr)

    def next(self):
        TrailingStrategy.next(self)  # trails first, as OrderTargets does
        Targets.next(self)


def random_targets(n: int, seed: int, start: int = 2, sides=(1.0, -1.0, 0.0, 0.5, -0.5)) -> np.ndarray:
    rng = np.random.default_rng(seed)
    tgt = np.full(n, np.nan)
    at = rng.choice(np.arange(start, n), (n - start) // 6, replace=False)
    tgt[at] = rng.choice(sides, len(at))
    return tgt


def reference(frame: pd.DataFrame, strategy=OrderTargets, backtest=None, **run):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Backtest(frame, strategy, **(backtest or {})).run(**run)


def engine_config(kind: str = "market", **settings) -> EngineConfig:
    return EngineConfig.backtesting_py(
        entry_order=kind,
        limit_offset_pct=OFFSET if kind in ("limit", "stop_limit") else 0.0,
        stop_offset_pct=OFFSET if kind in ("stop", "stop_limit") else 0.0,
        **settings,
    )


def engine(frame: pd.DataFrame, tgt: np.ndarray, config: EngineConfig, **orders):
    return run_targets(OHLCV.from_dataframe(frame), tgt, config, **orders)


def assert_same(ref, out, min_trades: int = 10) -> None:
    """Trades (bars, sizes, prices, PnL, commissions) and final equity equal to 1e-9."""
    trades, t = ref["_trades"], out.trade_table
    assert len(t["pnl"]) == len(trades) >= min_trades
    np.testing.assert_array_equal(t["entry_bar"], trades["EntryBar"].to_numpy())
    np.testing.assert_array_equal(t["exit_bar"], trades["ExitBar"].to_numpy())
    np.testing.assert_array_equal(t["units"], trades["Size"].to_numpy())
    np.testing.assert_allclose(t["entry_price"], trades["EntryPrice"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(t["exit_price"], trades["ExitPrice"].to_numpy(), rtol=1e-12)
    np.testing.assert_allclose(t["pnl"], trades["PnL"].to_numpy(), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(t["commission"], trades["Commission"].to_numpy(), rtol=1e-9, atol=1e-9)
    assert abs(out.final_equity - ref["Equity Final [$]"]) <= 1e-9 * max(1.0, ref["Equity Final [$]"])


class BookTargets(Strategy):
    """Several trades: +-1 adds one while fewer than ``depth`` are open on its side (closing the other
    side first unless the backtest hedges), 0 / +-0.5 close all / one side, ``fractions[i]`` closes
    that share of every trade; entries of ``size[i]`` units with ``sl[i]`` / ``tp[i]``."""

    targets = fractions = size = sl = tp = trail_pct = None
    depth, hedge = 1, False

    def init(self):
        pass

    def next(self):
        trail(self)
        i = len(self.data) - 1
        if self.fractions is not None and self.fractions[i] == self.fractions[i]:
            for trade in self.trades:
                trade.close(self.fractions[i])
        t = self.targets[i]
        if t != t:
            return
        longs = [x for x in self.trades if x.is_long]
        shorts = [x for x in self.trades if x.is_short]
        closing = {0.0: longs + shorts, 0.5: longs, -0.5: shorts}.get(t, [])
        if abs(t) == 1 and not self.hedge:
            closing = shorts if t > 0 else longs
        for trade in closing:  # after the partial closes: the next open fills these first
            trade.close()
        if abs(t) == 1 and len(longs if t > 0 else shorts) < self.depth:
            levels = {k: float(v[i]) for k, v in (("sl", self.sl), ("tp", self.tp)) if v is not None}
            (self.buy if t > 0 else self.sell)(size=float(self.size[i]), **levels)


def assert_same_book(ref, out, min_trades: int = 10) -> None:
    """``assert_same`` for runs with several trades at once: records compared in (entry, exit) order."""
    trades = ref["_trades"].sort_values(["EntryBar", "ExitBar", "Size", "ExitPrice"], kind="stable")
    t = out.trade_table
    order = np.lexsort((t["exit_price"], t["units"], t["exit_bar"], t["entry_bar"]))
    assert len(order) == len(trades) >= min_trades
    for ours, theirs in (("entry_bar", "EntryBar"), ("exit_bar", "ExitBar"), ("units", "Size")):
        np.testing.assert_array_equal(t[ours][order], trades[theirs].to_numpy())
    for ours, theirs in (("entry_price", "EntryPrice"), ("exit_price", "ExitPrice"), ("pnl", "PnL")):
        np.testing.assert_allclose(t[ours][order], trades[theirs].to_numpy(), rtol=1e-9, atol=1e-9)
    assert abs(out.final_equity - ref["Equity Final [$]"]) <= 1e-9 * max(1.0, ref["Equity Final [$]"])
