"""backtesting.py 0.6.6 driven by the engine's targets, with the order features of issue 22, and the
comparison of its run with the engine's, trade for trade."""

import warnings

import numpy as np
import pandas as pd
from backtesting import Backtest
from backtesting.lib import TrailingStrategy

from quant_trading.engine import OHLCV, EngineConfig, run_targets

from .test_exit_signals_and_pending_entries import OFFSET, Targets


class OrderTargets(Targets):
    """Targets whose entries carry their own stop-loss / take-profit price and size (arrays by bar),
    and a percentage trailing stop moved at each close (exact, unlike ``set_trailing_pct``)."""

    sl = tp = size = None
    trail_pct = None

    def next(self):
        if self.trail_pct:  # before the targets: a signal exit queued now goes first at the next open
            close = self.data.Close[-1]
            for trade in self.trades:
                if trade.is_long:
                    trade.sl = max(trade.sl or -np.inf, close * (1 - self.trail_pct))
                else:
                    trade.sl = min(trade.sl or np.inf, close * (1 + self.trail_pct))
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
