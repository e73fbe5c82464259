"""Process-side half of optimisations: bars are loaded once per worker, trials send only parameters.

Everything here is module-level and picklable, so it runs in a ``ProcessPoolExecutor``.
"""

from typing import Any

import numpy as np

_STATE: dict[str, Any] = {}


def init_worker(
    columnar: dict[str, list], strategy_type: str, base: dict, spec: dict | None, config: dict
) -> None:
    from quant_trading.engine import OHLCV, EngineConfig

    _STATE.update(
        data=OHLCV.from_columnar(columnar),
        strategy_type=strategy_type,
        base=base,
        spec=spec,
        config=EngineConfig(**{**config, "bootstrap_samples": 0}),
    )


def evaluate(params: dict[str, Any], lo: int = 0, hi: int | None = None) -> dict[str, Any]:
    """KPIs of one parameter set on bars ``[lo, hi)`` plus the per-bar Sharpe (for the deflated SR)."""
    from quant_trading.engine import build_strategy, run_backtest
    from quant_trading.kpis import simple_returns
    from quant_trading.kpis.probabilistic import moments

    data = _STATE["data"]
    data = data.slice(lo, hi if hi is not None else len(data))
    strategy = build_strategy(_STATE["strategy_type"], {**_STATE["base"], **params}, _STATE["spec"])
    out = run_backtest(data, strategy, _STATE["config"])
    sharpe = moments(simple_returns(out.equity))[0]
    return {"metrics": out.metrics, "bar_sharpe": float(sharpe) if np.isfinite(sharpe) else None}


def equity_of(params: dict[str, Any], lo: int, hi: int) -> tuple[list[int], list[float]]:
    """Timestamps and equity of one parameter set on bars ``[lo, hi)`` (walk-forward OOS runs)."""
    from quant_trading.engine import build_strategy, run_backtest

    data = _STATE["data"].slice(lo, hi)
    strategy = build_strategy(_STATE["strategy_type"], {**_STATE["base"], **params}, _STATE["spec"])
    out = run_backtest(data, strategy, _STATE["config"], metrics=False)
    return data.timestamp.tolist(), out.equity.tolist()
