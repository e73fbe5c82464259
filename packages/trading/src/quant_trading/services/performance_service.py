"""Keeps ``StrategyPerformance`` and ``StrategyExecution`` up to date as backtests complete."""

from typing import Any

from quant_shared.timeutil import utcnow
from quant_trading.models import Backtest, Strategy, StrategyExecution, StrategyPerformance
from quant_trading.schemas.performance import StrategyPerformanceOut


async def record_backtest(backtest: Backtest, metrics: dict[str, Any]) -> StrategyPerformance | None:
    """Fold a completed backtest into its strategy's running summary (nothing for ad-hoc runs)."""
    if backtest.strategy_id is None:
        return None
    now = utcnow()
    await StrategyExecution(
        owner_id=backtest.owner_id,
        strategy_id=backtest.strategy_id,
        kind="backtest",
        reference_id=str(backtest.id),
        symbols=backtest.symbols,
        executed_at=now,
        outcome={k: metrics.get(k) for k in ("total_return", "sharpe_ratio", "max_drawdown") if k in metrics},
    ).insert()
    perf = await StrategyPerformance.find_one({"strategy_id": backtest.strategy_id})
    if perf is None:
        perf = StrategyPerformance(owner_id=backtest.owner_id, strategy_id=backtest.strategy_id)
    n = perf.backtests
    total_return = metrics.get("total_return")
    if isinstance(total_return, int | float):
        previous = perf.mean_total_return if perf.mean_total_return is not None else 0.0
        perf.mean_total_return = (previous * n + total_return) / (n + 1) if n else float(total_return)
    sharpe = metrics.get("sharpe_ratio")
    if isinstance(sharpe, int | float) and (perf.best_sharpe is None or sharpe > perf.best_sharpe):
        perf.best_sharpe = float(sharpe)
        perf.best_backtest_id = str(backtest.id)
    perf.backtests = n + 1
    perf.last_backtest_id = str(backtest.id)
    perf.last_metrics = metrics
    perf.last_run_at = now
    await perf.save()
    return perf


async def performance_of(strategy: Strategy) -> StrategyPerformanceOut:
    """The summary of one strategy (zero backtests when it never ran)."""
    perf = await StrategyPerformance.find_one({"strategy_id": str(strategy.id)})
    if perf is None:
        return StrategyPerformanceOut(strategy_id=str(strategy.id))
    return StrategyPerformanceOut(**perf.model_dump(include=set(StrategyPerformanceOut.model_fields)))
