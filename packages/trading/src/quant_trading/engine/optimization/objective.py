"""Objective evaluation usable from a process pool: top-level, picklable, arrays in, plain dicts out."""

from typing import Any

import numpy as np

from quant_trading.engine.backtest import run_backtest
from quant_trading.engine.config import EngineConfig
from quant_trading.engine.data import OHLCV
from quant_trading.engine.signals import StrategyParameterError, build_strategy

# KPIs where smaller is better; every other objective is maximized
MINIMIZED = {"annualized_volatility", "max_drawdown_duration_bars", "avg_trade_duration_bars"}


def objective_sign(objective: str) -> float:
    """+1 to maximize the metric, -1 to minimize it (``max_drawdown`` is negative: maximized)."""
    return -1.0 if objective in MINIMIZED else 1.0


def bars_payload(data: OHLCV) -> dict[str, np.ndarray]:
    """What to ship to workers (NumPy arrays pickle compactly)."""
    return {k: getattr(data, k) for k in ("timestamp", "open", "high", "low", "close", "volume")}


def evaluate(
    strategy_type: str,
    params: dict[str, Any],
    bars: dict[str, np.ndarray] | OHLCV,
    config: dict[str, Any] | None = None,
    objective: str = "sharpe_ratio",
    spec: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """One trial: ``{"params", "value", "metrics", "error"}``; ``value`` is None when the metric is
    undefined (e.g. no trades) or the parameters are invalid (``error`` says why). ``bars``: arrays
    (checked here), or ``OHLCV`` bars checked already (a process evaluating many trials on them)."""
    try:
        strategy = build_strategy(strategy_type, params, spec, context)
    except StrategyParameterError as exc:
        return {"params": params, "value": None, "metrics": {}, "error": str(exc)}
    cfg = EngineConfig(**{**(config or {}), "bootstrap_samples": 0})
    data = bars if isinstance(bars, OHLCV) else OHLCV.from_arrays(**bars)
    out = run_backtest(data, strategy, cfg)
    value = out.metrics.get(objective)
    if objective not in out.metrics:
        return {
            "params": params,
            "value": None,
            "metrics": out.metrics,
            "error": f"unknown objective {objective!r}",
        }
    return {"params": params, "value": value, "metrics": out.metrics, "error": None}


def evaluate_batch(
    strategy_type: str,
    param_list: list[dict[str, Any]],
    bars: dict[str, np.ndarray],
    config: dict[str, Any] | None = None,
    objective: str = "sharpe_ratio",
    spec: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Several trials per task, so a process pool pickles the bars once per batch."""
    return [evaluate(strategy_type, p, bars, config, objective, spec) for p in param_list]


def best_trial(trials: list[dict[str, Any]], objective: str = "sharpe_ratio") -> dict[str, Any] | None:
    sign = objective_sign(objective)
    scored = [t for t in trials if t.get("value") is not None]
    return max(scored, key=lambda t: sign * t["value"]) if scored else None
