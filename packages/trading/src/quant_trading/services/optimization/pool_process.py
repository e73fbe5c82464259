"""What the trial pool's processes run (``trial_pool``): one trial of a run, on the run's published bars.

The process running an optimisation writes the run's checked bars once to a file (``write_bars``); a
pool process maps that file on its first trial of the run (``RunData``: the file and the run's
settings, all a trial sends besides its parameters) and keeps the run's state for the next trials,
so bars are neither copied per process nor checked again. States of runs whose file is gone (the
run ended) are dropped.
"""

import math
import mmap
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np

COLUMNS = ("timestamp", "open", "high", "low", "close", "volume")  # int64, then float64
KEEP_RUNS = 4  # states a process keeps (runs evaluated at once on one pool)
TrialState = dict[str, Any]
_STATES: OrderedDict[str, TrialState] = OrderedDict()  # by published file


@dataclass(frozen=True)
class RunData:
    path: str  # the bars, as ``write_bars`` wrote them
    bars: int
    strategy_type: str
    base: dict[str, Any]
    spec: dict[str, Any] | None
    config: dict[str, Any]
    objective: str


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


def make_state(bars, strategy_type: str, base: dict, spec: dict | None, config: dict, objective: str):
    """``bars``: an ``OHLCV``, or columnar bars (checked here)."""
    from quant_trading.engine import OHLCV

    data = bars if isinstance(bars, OHLCV) else OHLCV.from_columnar(bars)
    return {"data": data, "strategy_type": strategy_type, "base": base, "spec": spec, "config": config,
            "objective": objective}  # fmt: skip


def state_of(run: RunData) -> TrialState:
    state = _STATES.get(run.path)
    if state is None:
        for gone in [path for path in _STATES if not os.path.exists(path)]:
            del _STATES[gone]
        data = map_bars(run.path, run.bars)
        state = make_state(data, run.strategy_type, run.base, run.spec, run.config, run.objective)
        _STATES[run.path] = state
        while len(_STATES) > KEEP_RUNS:
            _STATES.popitem(last=False)
    _STATES.move_to_end(run.path)
    return state


def evaluate_in(state: TrialState, params: dict[str, Any], lo: int = 0, hi: int | None = None) -> dict:
    """KPIs of one parameter set on bars ``[lo, hi)`` plus its per-bar (excess) Sharpe for the deflated SR."""
    from quant_trading.engine.optimization import evaluate as engine_evaluate

    data = state["data"]
    data = data.slice(lo, hi if hi is not None else len(data))
    params = {**state["base"], **params}
    out = engine_evaluate(
        state["strategy_type"], params, data, state["config"], state["objective"], state["spec"]
    )
    metrics = out["metrics"]
    sharpe, ppy = metrics.get("sharpe_ratio"), metrics.get("periods_per_year")
    bar_sharpe = sharpe / math.sqrt(ppy) if sharpe is not None and ppy else None
    return {"metrics": metrics, "bar_sharpe": bar_sharpe, "error": out["error"]}


def equity_in(state: TrialState, params: dict[str, Any], lo: int, hi: int) -> tuple[list[int], list[float]]:
    """Timestamps and equity of one parameter set on bars ``[lo, hi)`` (walk-forward OOS runs)."""
    from quant_trading.engine import EngineConfig, build_strategy, run_backtest

    data = state["data"].slice(lo, hi)
    strategy = build_strategy(state["strategy_type"], {**state["base"], **params}, state["spec"])
    out = run_backtest(data, strategy, EngineConfig(**state["config"]), metrics=False)
    return data.timestamp.tolist(), out.equity.tolist()


def evaluate(run: RunData, params: dict[str, Any], lo: int = 0, hi: int | None = None) -> dict[str, Any]:
    return evaluate_in(state_of(run), params, lo, hi)


def equity(run: RunData, params: dict[str, Any], lo: int, hi: int) -> tuple[list[int], list[float]]:
    return equity_in(state_of(run), params, lo, hi)


def start_process(owner: int) -> None:
    """Pool-process initializer: exit once the pool's owner (the process that started the pool) is
    gone, however it stopped, rather than linger as an orphan."""

    def watch() -> None:
        while True:
            try:
                os.kill(owner, 0)
            except OSError:  # gone (or the number reused by another user's process)
                os._exit(0)
            time.sleep(1.0)

    threading.Thread(target=watch, name="owner-watch", daemon=True).start()


def pid(_: Any = None) -> int:
    return os.getpid()


def warm_up(strategy_type: str = "sma_crossover") -> None:
    """Load the engine's compiled code (Numba cache, ~1 s in a fresh process) before the first trial."""
    close = 100.0 + 10.0 * np.sin(np.arange(300) / 7.0)
    days = (np.arange(300) * 86_400_000).tolist()
    bars = {"timestamp": days, "open": close.tolist(), "close": close.tolist()}
    bars.update(high=(close * 1.01).tolist(), low=(close * 0.99).tolist())
    from quant_trading.kpis.bootstrap import bootstrap_ci

    bootstrap_ci(np.diff(close) / close[:-1], 252.0, n_resamples=2)  # the best trial's intervals
    try:
        evaluate_in(make_state(bars, strategy_type, {}, None, {}, "sharpe_ratio"), {})
    except Exception:  # defaults that do not fit this strategy: its first trial compiles instead
        pass
