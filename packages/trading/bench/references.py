"""The comparison points: a bare NumPy vectorized SMA-crossover backtest, backtesting.py, vectorbt."""

import subprocess
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

from bench.synthetic import as_frame
from quant_trading.engine import OHLCV


def _sma(x: np.ndarray, n: int) -> np.ndarray:
    out = np.full(x.shape[0], np.nan)
    c = np.cumsum(x)
    out[n - 1] = c[n - 1]
    out[n:] = c[n:] - c[:-n]
    out[n - 1 :] /= n
    return out


def numpy_reference(data: OHLCV, fast: int, slow: int, commission: float) -> np.ndarray:
    """The textbook vectorized backtest: always in the market on the side of the last crossover, trading
    at the next open, commission on every change of position; returns the equity curve (fractional units)."""
    f, s = _sma(data.close, fast), _sma(data.close, slow)
    side = np.sign(np.nan_to_num(f - s))
    held = np.zeros_like(side)
    held[2:] = side[:-2]  # decided at close i, filled at open i+1, earns open(i+1) -> open(i+2)
    r = np.zeros_like(side)
    r[1:] = data.open[1:] / data.open[:-1] - 1.0
    cost = commission * np.abs(np.diff(held, prepend=0.0))
    return np.cumprod(1.0 + held * r - cost)


def backtesting_py_bars_per_second(data: OHLCV, fast: int, slow: int, commission: float) -> tuple[float, int]:
    """Run backtesting.py's SmaCross on ``data``; returns (bars/s, trades)."""
    from backtesting import Backtest, Strategy
    from backtesting.lib import crossover

    def sma(values, n):
        return _sma(np.asarray(values, dtype=float), n)

    class SmaCross(Strategy):
        def init(self):
            self.ma1 = self.I(sma, self.data.Close, fast)
            self.ma2 = self.I(sma, self.data.Close, slow)

        def next(self):
            if crossover(self.ma1, self.ma2):
                self.buy()
            elif crossover(self.ma2, self.ma1):
                self.sell()

    frame = as_frame(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = time.perf_counter()
        stats = Backtest(frame, SmaCross, commission=commission, exclusive_orders=True, cash=1e9).run()
        elapsed = time.perf_counter() - start
    return len(data) / elapsed, int(stats["# Trades"])


def vectorbt_seconds(
    data: OHLCV, fast: int, slow: int, commission: float, python: str | None
) -> float | None:
    """Best seconds of vectorbt's ``Portfolio.from_signals`` (long-only crossover entries/exits, fees), run
    by ``python`` (an interpreter with vectorbt, e.g. a throwaway venv); None when unavailable."""
    if not python or not Path(python).exists():
        return None
    f, s = _sma(data.close, fast), _sma(data.close, slow)
    entries = np.zeros(len(data), bool)
    exits = np.zeros(len(data), bool)
    with np.errstate(invalid="ignore"):
        entries[1:] = (f[:-1] < s[:-1]) & (f[1:] > s[1:])
        exits[1:] = (f[:-1] > s[:-1]) & (f[1:] < s[1:])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "arrays.npz"
        np.savez(path, close=data.close, entries=entries, exits=exits, fees=commission)
        probe = Path(__file__).with_name("vectorbt_probe.py")
        done = subprocess.run([python, str(probe), str(path)], capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        return None
    return float(done.stdout.strip().splitlines()[-1])
