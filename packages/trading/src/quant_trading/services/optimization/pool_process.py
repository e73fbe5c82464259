"""What the trial pool's processes run (``trial_pool``): one trial of a run, on the run's published bars.

The process running an optimization writes the run's checked bars once to a file (``write_bars``); a
pool process maps that file on its first trial of the run and keeps it while the file exists, so bars
are neither sent per trial, copied per process nor checked again. A trial sends its parameters and
the run's ``RunData``.
"""

import math
import mmap
import os
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

COLUMNS = ("timestamp", "open", "high", "low", "close", "volume")  # int64, then float64
_BARS: dict[str, Any] = {}  # published file -> its ``OHLCV``


@dataclass(frozen=True)
class RunData:
    strategy_type: str
    base: dict[str, Any]
    spec: dict[str, Any] | None
    config: dict[str, Any]
    objective: str
    path: str = ""  # the run's bars, as ``write_bars`` wrote them
    bars: int = 0

    @classmethod
    def of(cls, run, path: str = "", bars: int = 0) -> "RunData":
        """An ``OptimizationRun``'s."""
        config = run.config.model_dump()
        return cls(run.strategy_type.value, run.base_parameters, run.spec, config, run.objective, path, bars)


def write_bars(file, data) -> None:
    """``data``'s columns (an ``OHLCV``: contiguous arrays) one after the other."""
    for name in COLUMNS:
        file.write(memoryview(getattr(data, name)))


def map_bars(path: str, n: int):
    """The bars ``write_bars`` wrote, as an ``OHLCV`` viewing the file (copy on write: the engine's
    compiled code takes writable arrays), not checked again (``OHLCV.slice`` builds its views so)."""
    from quant_trading.engine import OHLCV

    with open(path, "rb") as file:
        mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_COPY)
    data = object.__new__(OHLCV)
    for i, name in enumerate(COLUMNS):
        column = np.frombuffer(mapped, np.int64 if i == 0 else np.float64, n, i * 8 * n)
        object.__setattr__(data, name, column)
    return data


def evaluate_in(data, run: RunData, params: dict[str, Any], lo: int = 0, hi: int | None = None) -> dict:
    """KPIs of one parameter set on bars ``[lo, hi)`` plus its per-bar (excess) Sharpe for the deflated SR;
    invalid parameters give no KPIs and ``error`` says why."""
    from quant_trading.engine import EngineConfig, StrategyParameterError, build_strategy, run_backtest

    data = data.slice(lo, hi if hi is not None else len(data))
    try:
        strategy = build_strategy(run.strategy_type, {**run.base, **params}, run.spec)
    except StrategyParameterError as exc:
        return {"metrics": {}, "bar_sharpe": None, "error": str(exc)}
    metrics = run_backtest(data, strategy, EngineConfig(**{**run.config, "bootstrap_samples": 0})).metrics
    sharpe, ppy = metrics.get("sharpe_ratio"), metrics.get("periods_per_year")
    bar_sharpe = sharpe / math.sqrt(ppy) if sharpe is not None and ppy else None
    error = None if run.objective in metrics else f"unknown objective {run.objective!r}"
    return {"metrics": metrics, "bar_sharpe": bar_sharpe, "error": error}


def equity_in(data, run: RunData, params: dict[str, Any], lo: int, hi: int) -> tuple[list[int], list[float]]:
    """Timestamps and equity of one parameter set on bars ``[lo, hi)`` (walk-forward OOS runs)."""
    from quant_trading.engine import EngineConfig, build_strategy, run_backtest

    data = data.slice(lo, hi)
    strategy = build_strategy(run.strategy_type, {**run.base, **params}, run.spec)
    out = run_backtest(data, strategy, EngineConfig(**run.config), metrics=False)
    return data.timestamp.tolist(), out.equity.tolist()


def _bars(run: RunData):
    if (data := _BARS.get(run.path)) is None:
        for gone in [path for path in _BARS if not os.path.exists(path)]:  # runs that ended
            del _BARS[gone]
        data = _BARS[run.path] = map_bars(run.path, run.bars)
    return data


def evaluate(run: RunData, params: dict[str, Any], lo: int = 0, hi: int | None = None) -> dict[str, Any]:
    return evaluate_in(_bars(run), run, params, lo, hi)


def start_process(owner: int, keep_mb: int = 0) -> None:
    """Pool-process initializer: keep ``keep_mb`` of freed memory for reuse (``quant_shared.allocator``),
    and exit once the pool's owner (the process that started the pool) is gone, however it stopped,
    rather than linger as an orphan."""
    from quant_shared.allocator import keep_freed_memory

    keep_freed_memory(keep_mb)

    def watch() -> None:
        while True:
            try:
                os.kill(owner, 0)
            except OSError:  # gone (or the number reused by another user's process)
                os._exit(0)
            time.sleep(1.0)

    threading.Thread(target=watch, name="owner-watch", daemon=True).start()


def warm_up(strategy_type: str = "sma_crossover") -> None:
    """Load the engine's compiled code (Numba cache, ~1 s in a fresh process) before the first trial."""
    from quant_trading.engine import OHLCV
    from quant_trading.kpis.bootstrap import bootstrap_ci

    close = 100.0 + 10.0 * np.sin(np.arange(300) / 7.0)
    data = OHLCV.from_arrays(np.arange(300) * 86_400_000, close, close * 1.01, close * 0.99, close)
    bootstrap_ci(np.diff(close) / close[:-1], 252.0, n_resamples=2)  # the best trial's intervals
    try:
        evaluate_in(data, RunData(strategy_type, {}, None, {}, "sharpe_ratio"), {})
    except Exception:  # defaults that do not fit this strategy: its first trial compiles instead
        pass
