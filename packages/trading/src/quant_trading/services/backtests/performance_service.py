"""Keeps ``StrategyPerformance`` and ``StrategyExecution`` up to date as backtests complete.

Called by the ``BacktestCompleted`` handler. Idempotent: the execution is keyed by the backtest id and
the summary is recomputed from the stored executions, so a redelivered event changes nothing.
"""

from datetime import datetime
from typing import Any

from quant_trading.models import Strategy, StrategyExecution, StrategyPerformance
from quant_trading.schemas.performance import StrategyPerformanceOut

KPIS = ("total_return", "sharpe_ratio", "max_drawdown")


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


async def record_backtest(
    *,
    backtest_id: str,
    owner_id: str,
    strategy_id: str,
    symbols: list[str],
    metrics: dict[str, Any],
    completed_at: datetime,
) -> StrategyPerformance:
    """Fold a completed backtest into its strategy's running summary."""
    key = {"strategy_id": strategy_id, "kind": "backtest", "reference_id": backtest_id}
    if await StrategyExecution.find_one(key) is None:
        await StrategyExecution(
            owner_id=owner_id,
            symbols=symbols,
            executed_at=completed_at,
            outcome={k: metrics[k] for k in KPIS if k in metrics},
            **key,
        ).insert()
    runs = await StrategyExecution.find({"strategy_id": strategy_id, "kind": "backtest"}).to_list()
    runs.sort(key=lambda r: r.executed_at)
    perf = await StrategyPerformance.find_one({"strategy_id": strategy_id})
    if perf is None:
        perf = StrategyPerformance(owner_id=owner_id, strategy_id=strategy_id)
    returns = [r for r in (_number(run.outcome.get("total_return")) for run in runs) if r is not None]
    perf.mean_total_return = sum(returns) / len(returns) if returns else None
    rated = [(s, run) for run in runs if (s := _number(run.outcome.get("sharpe_ratio"))) is not None]
    best = max(rated, key=lambda pair: pair[0], default=None)
    perf.best_sharpe, perf.best_backtest_id = (best[0], best[1].reference_id) if best else (None, None)
    perf.backtests = len(runs)
    last = runs[-1]
    if last.reference_id == backtest_id:
        perf.last_metrics = metrics
    elif perf.last_backtest_id != last.reference_id:
        perf.last_metrics = dict(last.outcome)
    perf.last_backtest_id, perf.last_run_at = last.reference_id, last.executed_at
    await perf.save()
    return perf


async def performance_of(strategy: Strategy) -> StrategyPerformanceOut:
    """The summary of one strategy (zero backtests when it never ran)."""
    perf = await StrategyPerformance.find_one({"strategy_id": str(strategy.id)})
    if perf is None:
        return StrategyPerformanceOut(strategy_id=str(strategy.id))
    return StrategyPerformanceOut(**perf.model_dump(include=set(StrategyPerformanceOut.model_fields)))
