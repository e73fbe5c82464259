"""Process-side half of optimisations: bars are loaded once per worker, trials send only parameters.

Trials run the engine's picklable objective (``quant_trading.engine.optimization.evaluate``); this
module only keeps the bars in the worker and slices them for walk-forward windows.
"""

import math
from typing import Any

_STATE: dict[str, Any] = {}


def init_worker(
    columnar: dict[str, list], strategy_type: str, base: dict, spec: dict | None, config: dict, objective: str
) -> None:
    from quant_trading.engine import OHLCV

    _STATE.update(
        data=OHLCV.from_columnar(columnar),
        strategy_type=strategy_type,
        base=base,
        spec=spec,
        config=config,
        objective=objective,
    )


def evaluate(params: dict[str, Any], lo: int = 0, hi: int | None = None) -> dict[str, Any]:
    """KPIs of one parameter set on bars ``[lo, hi)`` plus its per-bar (excess) Sharpe for the deflated SR."""
    from quant_trading.engine.optimization import bars_payload
    from quant_trading.engine.optimization import evaluate as engine_evaluate

    data = _STATE["data"]
    data = data.slice(lo, hi if hi is not None else len(data))
    out = engine_evaluate(
        _STATE["strategy_type"],
        {**_STATE["base"], **params},
        bars_payload(data),
        _STATE["config"],
        _STATE["objective"],
        _STATE["spec"],
    )
    metrics = out["metrics"]
    sharpe, ppy = metrics.get("sharpe_ratio"), metrics.get("periods_per_year")
    bar_sharpe = sharpe / math.sqrt(ppy) if sharpe is not None and ppy else None
    return {"metrics": metrics, "bar_sharpe": bar_sharpe, "error": out["error"]}


def equity_of(params: dict[str, Any], lo: int, hi: int) -> tuple[list[int], list[float]]:
    """Timestamps and equity of one parameter set on bars ``[lo, hi)`` (walk-forward OOS runs)."""
    from quant_trading.engine import EngineConfig, build_strategy, run_backtest

    data = _STATE["data"].slice(lo, hi)
    strategy = build_strategy(_STATE["strategy_type"], {**_STATE["base"], **params}, _STATE["spec"])
    out = run_backtest(data, strategy, EngineConfig(**_STATE["config"]), metrics=False)
    return data.timestamp.tolist(), out.equity.tolist()
