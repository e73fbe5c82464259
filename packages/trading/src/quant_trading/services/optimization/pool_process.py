"""Trial-side half of optimisations: bars are loaded once per process, trials send only parameters.

Trials run the engine's picklable objective (``quant_trading.engine.optimization.evaluate``); this
module keeps the bars of a run (``TrialState``) and slices them for walk-forward windows. A process
pool keeps one state per pool process (``init_worker``); the trials shared over worker processes keep
one per run (``trial_sharing``).
"""

import math
from typing import Any

TrialState = dict[str, Any]
_STATE: TrialState = {}


def make_state(
    columnar: dict[str, list], strategy_type: str, base: dict, spec: dict | None, config: dict, objective: str
) -> TrialState:
    from quant_trading.engine import OHLCV

    return {
        "data": OHLCV.from_columnar(columnar),
        "strategy_type": strategy_type,
        "base": base,
        "spec": spec,
        "config": config,
        "objective": objective,
    }


def init_worker(*args: Any) -> None:
    """Process-pool initializer: the arguments of ``make_state``."""
    from quant_shared.allocator import keep_freed_memory
    from quant_shared.settings import get_settings

    keep_freed_memory(get_settings().malloc_keep_mb)  # the lifespan does it in API and worker processes
    _STATE.update(make_state(*args))


def evaluate_in(state: TrialState, params: dict[str, Any], lo: int = 0, hi: int | None = None) -> dict:
    """KPIs of one parameter set on bars ``[lo, hi)`` plus its per-bar (excess) Sharpe for the deflated SR."""
    from quant_trading.engine.optimization import evaluate as engine_evaluate

    data = state["data"]
    data = data.slice(lo, hi if hi is not None else len(data))
    out = engine_evaluate(
        state["strategy_type"],
        {**state["base"], **params},
        data,
        state["config"],
        state["objective"],
        state["spec"],
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


def evaluate(params: dict[str, Any], lo: int = 0, hi: int | None = None) -> dict[str, Any]:
    """``evaluate_in`` on this pool process's state."""
    return evaluate_in(_STATE, params, lo, hi)


def equity_of(params: dict[str, Any], lo: int, hi: int) -> tuple[list[int], list[float]]:
    """``equity_in`` on this pool process's state."""
    return equity_in(_STATE, params, lo, hi)


def warm_up(strategy_type: str) -> None:
    """Load the engine's compiled code (Numba cache, ~1 s in a fresh process) before the first trial."""
    import numpy as np

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
