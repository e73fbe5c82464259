"""Backtest and optimization tasks as named jobs (their names: ``job_refs``).

``app.state.task_dispatcher`` runs them in the API process (embedded default) or on any
``quant worker`` process (``QUANT_WORKERS_BACKEND=nats``): the same code either way.
"""

import asyncio
from typing import Any

from beanie import PydanticObjectId

from quant_shared.enums import OptimizationStatus
from quant_shared.tasks import TaskCancelled
from quant_shared.timeutil import utcnow
from quant_trading.models import OptimizationRun, OptimizationTrial
from quant_trading.services import task_inputs
from quant_trading.services.backtests.backtest_executor import completed_before, execute_backtest, mark_failed
from quant_trading.services.optimization.executor import execute_optimization
from quant_trading.services.optimization.trial_tasks import evaluate_part
from quant_trading.services.recovery import OPEN


async def run_backtest(ctx, backtest_id: str) -> dict[str, Any]:
    if getattr(ctx, "attempt", 1) > 1 and (done := await completed_before(backtest_id)) is not None:
        return done  # its inputs may be gone already
    inputs = await task_inputs.load(backtest_id)
    result = await execute_backtest(ctx.app, ctx, backtest_id, inputs["bars"], inputs["predictions"])
    task_inputs.delete_soon(backtest_id)
    return result


async def backtest_failed(ctx, reason: str, backtest_id: str) -> None:
    await mark_failed(backtest_id, reason)
    await task_inputs.delete(backtest_id)


async def run_optimization(ctx, run_id: str) -> dict[str, Any]:
    run = await OptimizationRun.get(PydanticObjectId(run_id))
    redelivered = getattr(ctx, "attempt", 1) > 1  # the worker running it before was lost
    if redelivered and run is not None and run.status == OptimizationStatus.COMPLETED:
        return {"run_id": run_id, "best_parameters": run.best_parameters, "trials": run.trials_done}
    if run is None or run.status not in (OPEN if redelivered else [OptimizationStatus.PENDING]):
        raise TaskCancelled()
    if redelivered:  # start the search over
        await OptimizationTrial.find({"run_id": run_id}).delete()
    bars = asyncio.ensure_future(_bars(run_id))  # loaded while the run starts
    try:
        result = await execute_optimization(ctx.app, ctx, run, bars)
    finally:
        bars.cancel()
    task_inputs.delete_soon(run_id)
    return result


async def _bars(run_id: str) -> dict:
    return (await task_inputs.load(run_id))["bars"]


async def optimization_failed(ctx, reason: str, run_id: str) -> None:
    status = OptimizationStatus.CANCELLED if reason == "cancelled" else OptimizationStatus.FAILED
    await OptimizationRun.find_one({"_id": PydanticObjectId(run_id), "status": {"$in": OPEN}}).update(
        {"$set": {"status": status, "error": reason, "completed_at": utcnow()}}
    )
    await task_inputs.delete(run_id)


async def evaluate_trials(ctx, run_id: str, points: list[dict], lo: int, hi: int | None) -> dict[str, Any]:
    """A part of a batch of a run on workers (``optimization.trial_tasks``): its trials' outputs."""
    await ctx.progress(0.0)  # raises TaskCancelled if the run took this part back (or was cancelled)
    run = await OptimizationRun.get(PydanticObjectId(run_id))
    if run is None or run.status not in OPEN:
        raise TaskCancelled()
    inputs = await task_inputs.load(run_id)
    return {"outputs": await evaluate_part(ctx, run, inputs["bars"], points, lo, hi)}
