"""The best trial's full KPIs (an optimization's ``best_metrics``): its trial's KPIs plus what trials
skip, the bootstrap intervals (``bootstrap_samples`` is 0 in trials) and the deflated Sharpe ratio over
every trial's Sharpe. Only the best parameters' returns are simulated again (no KPI pass); the result
equals one full backtest of them (``tests/test_best_trial.py``)."""

from typing import Any

import numpy as np

from quant_trading.models import OptimizationRun
from quant_trading.services.engine_bridge import build, engine_config


def best_report(
    data: Any, run: OptimizationRun, parameters: dict[str, Any], trial_metrics: dict[str, Any],
    trial_sharpes: list[float],
) -> dict[str, Any]:  # fmt: skip
    """``data``: the run's ``OHLCV``; ``trial_metrics``: the KPIs the trial of ``parameters``
    computed; ``trial_sharpes``: every trial's per-bar Sharpe ratio."""
    from quant_trading.engine import run_backtest
    from quant_trading.kpis import probabilistic
    from quant_trading.kpis.bootstrap import bootstrap_ci
    from quant_trading.kpis.curve import equity_moments
    from quant_trading.kpis.returns import simple_returns
    from quant_trading.kpis.summary import json_safe

    config = engine_config(run.config)
    out = run_backtest(data, build(run.strategy_type, parameters, run.spec), config, metrics=False)
    returns, metrics = simple_returns(out.equity), dict(trial_metrics)
    if config.bootstrap_samples:
        ppy = config.periods_per_year or data.periods_per_year()
        metrics.update(
            json_safe(bootstrap_ci(returns, ppy, n_resamples=config.bootstrap_samples, seed=config.seed))
        )
    n = max(len(trial_sharpes), 1)
    sharpes = np.asarray(trial_sharpes, dtype=float) if len(trial_sharpes) >= 2 else None
    dsr = probabilistic.deflated_sharpe_ratio(returns, n, sharpes, equity_moments(out.equity))
    return {**metrics, **json_safe({"deflated_sharpe_ratio": dsr, "n_trials": n})}
