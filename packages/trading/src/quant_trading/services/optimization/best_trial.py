"""The best trial's full KPIs (an optimisation's ``best_metrics``): its trial's KPIs, plus bootstrap
intervals from its equity curve, plus the deflated Sharpe ratio over every trial's Sharpe.

A trial computes every KPI of its backtest except the bootstrap intervals (``bootstrap_samples`` is 0
in trials) and the deflated Sharpe ratio (it needs every trial). So the end of a run only simulates the
best parameters again for their returns (no KPI pass): about 25 ms on 500,000 bars where a full
backtest with 500 resamples took 50 ms. While a shared run's coordinator waits for the helpers' last
chunks (its own are done, its core idle) it does this for the best trial known so far
(``BestTrial.while_waiting``); the end reuses it when that trial is still the best. The result equals
one full backtest of the best parameters either way (``tests/test_best_trial.py``).
"""

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import numpy as np

from quant_trading.models import OptimizationRun
from quant_trading.services.engine_bridge import build, engine_config
from quant_trading.services.optimization_search import objective_value

log = logging.getLogger("quant.trading.optimization")


@dataclass
class BestReport:
    parameters: dict[str, Any]
    metrics: dict[str, Any]  # every KPI of the backtest, as if it were the only trial
    returns: np.ndarray  # per-bar returns, for the deflated Sharpe ratio
    stats: tuple[float, float, float, int]  # their moments (as ``compute_metrics`` computes them)


def backtest_report(
    bars: Any, run: OptimizationRun, parameters: dict[str, Any], trial_metrics: dict[str, Any]
) -> BestReport:
    """``bars``: columnar bars, or the ``OHLCV`` the run's trials use in this process;
    ``trial_metrics``: the KPIs its trial computed for ``parameters``."""
    from quant_trading.engine import OHLCV, run_backtest
    from quant_trading.kpis.bootstrap import bootstrap_ci
    from quant_trading.kpis.curve import equity_moments
    from quant_trading.kpis.returns import simple_returns
    from quant_trading.kpis.summary import json_safe

    data = bars if isinstance(bars, OHLCV) else OHLCV.from_columnar(bars)
    config = engine_config(run.config)
    out = run_backtest(data, build(run.strategy_type, parameters, run.spec), config, metrics=False)
    returns = simple_returns(out.equity)
    metrics = dict(trial_metrics)
    if config.bootstrap_samples:
        ppy = config.periods_per_year or data.periods_per_year()
        ci = bootstrap_ci(returns, ppy, n_resamples=config.bootstrap_samples, seed=config.seed)
        metrics.update(json_safe(ci))
    return BestReport(parameters, metrics, returns, equity_moments(out.equity))


def with_trials(report: BestReport, trial_sharpes: list[float]) -> dict[str, Any]:
    """The report's KPIs with the deflated Sharpe ratio of ``len(trial_sharpes)`` trials."""
    from quant_trading.kpis import probabilistic
    from quant_trading.kpis.summary import json_safe

    n = max(len(trial_sharpes), 1)
    sharpes = np.asarray(trial_sharpes, dtype=float) if len(trial_sharpes) >= 2 else None
    dsr = probabilistic.deflated_sharpe_ratio(report.returns, n, sharpes, report.stats)
    return {**report.metrics, **json_safe({"deflated_sharpe_ratio": dsr, "n_trials": n})}


class BestTrial:
    def __init__(self, run: OptimizationRun, bars: Any) -> None:
        """``bars``: as ``backtest_report`` takes them."""
        self.run, self.bars = run, bars
        self.early: asyncio.Task | None = None  # the report of the best trial known early, if any
        self.early_parameters: dict[str, Any] | None = None

    async def _report(self, parameters: dict[str, Any], trial_metrics: dict[str, Any]) -> BestReport:
        return await asyncio.to_thread(backtest_report, self.bars, self.run, parameters, trial_metrics)

    async def while_waiting(self, done: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
        """Start the report of the best of ``done`` ((parameters, output) of the trials evaluated so
        far) in a thread, and return: the end awaits it if that trial is still the best."""
        scored = [(p, o, objective_value(o.get("metrics") or {}, self.run.objective)) for p, o in done]
        scored = [(p, o, v) for p, o, v in scored if v is not None]
        if not scored:
            return
        point, output, _ = max(scored, key=lambda pov: pov[2] if self.run.maximize else -pov[2])
        parameters = {**self.run.base_parameters, **point}
        if self.early is None or self.early_parameters != parameters:
            self.early_parameters = parameters
            self.early = asyncio.create_task(self._report(parameters, output["metrics"]))
            self.early.add_done_callback(_logged)

    async def metrics(
        self, parameters: dict[str, Any], trial_metrics: dict[str, Any], trial_sharpes: list[float]
    ) -> dict[str, Any]:
        report = None
        if self.early is not None and self.early_parameters == parameters:
            try:
                report = await self.early
            except Exception:  # only a guess: the end computes (and reports) what the best trial needs
                pass
        return with_trials(report or await self._report(parameters, trial_metrics), trial_sharpes)


def _logged(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("early backtest of the best trial failed", exc_info=task.exception())
