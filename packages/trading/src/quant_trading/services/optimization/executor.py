"""Runs an optimization task: trials evaluated on the trial pool (and, on workers, by other workers'
tasks: ``trial_tasks``), stored as ``OptimizationTrial``, the best reported."""

import asyncio
import time
from contextlib import AsyncExitStack
from functools import partial
from typing import Any

from fastapi import FastAPI

from quant_shared.auth import Principal
from quant_shared.enums import OptimizationMethod
from quant_shared.enums import OptimizationStatus as Status
from quant_shared.tasks import Task, TaskAccepted, TaskContext
from quant_shared.timeutil import utcnow
from quant_trading.models import OptimizationRun
from quant_trading.services import job_refs, task_inputs
from quant_trading.services.optimization import trial_tasks
from quant_trading.services.optimization.best_trial import best_report
from quant_trading.services.optimization.parameter_space import parse_constraints
from quant_trading.services.optimization.pool_process import equity_in
from quant_trading.services.optimization.search import Search
from quant_trading.services.optimization.trial_pool import trial_pool
from quant_trading.services.optimization.trial_recorder import TrialRecorder
from quant_trading.services.optimization.walk_forward import run_walk_forward, windows
from quant_trading.settings import trading_settings


async def submit_optimization(
    app: FastAPI, principal: Principal, run: OptimizationRun, bars: dict
) -> TaskAccepted:
    await run.insert()
    key = str(run.id)
    await task_inputs.save(key, {"bars": bars})
    dispatcher = app.state.task_dispatcher  # in-process or a worker: configuration
    task = await dispatch_optimization(dispatcher, run, principal.user_id)
    await OptimizationRun.find_one({"_id": run.id}).update({"$set": {"task_id": str(task.id)}})
    return TaskAccepted(task_id=str(task.id), status_url=f"/tasks/{task.id}", resource_id=key)


async def dispatch_optimization(dispatcher, run: OptimizationRun, owner_id: str) -> Task:
    key = str(run.id)
    return await dispatcher.dispatch(kind="optimization", domain="trading", owner_id=owner_id,
                                     fn=job_refs.RUN_OPTIMIZATION, args={"run_id": key},
                                     result_ref={"collection": "optimization_runs", "id": key},
                                     on_failure=job_refs.OPTIMIZATION_FAILED)  # fmt: skip


def _search(run: OptimizationRun, batch: int) -> Search:
    constraints = parse_constraints(run.constraints, set(run.parameter_ranges) | set(run.base_parameters))
    return Search(run.method, run.parameter_ranges, constraints, run.objective, run.maximize, run.max_trials,
                  seed=run.seed, batch_size=batch, base=run.base_parameters)  # fmt: skip


async def execute_optimization(
    app: FastAPI, ctx: TaskContext, run: OptimizationRun, bars: asyncio.Future
) -> dict:
    """``run``: pending (or open, when its task is redelivered); ``bars``: its bars, being loaded."""
    timeout = trading_settings(app).optimization_timeout_seconds
    try:
        return await asyncio.wait_for(_execute(app, ctx, run, bars), timeout)
    except TimeoutError as exc:
        raise RuntimeError(f"the optimization did not finish within {timeout:g} s") from exc


async def _execute(app: FastAPI, ctx: TaskContext, run: OptimizationRun, bars: asyncio.Future) -> dict:
    from quant_trading.engine import OHLCV

    dispatcher, started = app.state.task_dispatcher, time.perf_counter()
    parts = trading_settings(app).optimization_trial_tasks if dispatcher.distributed else 1
    recorder = TrialRecorder(ctx, run, max(run.max_trials, 1))
    running = OptimizationRun.find_one({"_id": run.id}).update({"$set": {"status": Status.RUNNING}})
    _, pool = await asyncio.gather(running, trial_pool(app))
    # a grid or random search is one batch; a Bayesian one asks for a suggestion per process
    batch = pool.processes * parts if run.method == OptimizationMethod.BAYESIAN else run.max_trials
    async with AsyncExitStack() as stack:

        async def publish():  # the bars checked once, then where the pool's processes find them
            data = await asyncio.to_thread(OHLCV.from_columnar, await bars)
            return data, await stack.enter_async_context(pool.published(run, data))

        ready = asyncio.ensure_future(publish())  # meanwhile a run on workers dispatches its parts
        stack.callback(ready.cancel)

        def evaluate_on(lo: int, hi: int | None):
            async def evaluate(points: list[dict]) -> list[dict]:
                args = (dispatcher, pool, ready, run, points, lo, hi, parts, recorder.progress)
                return await trial_tasks.spread(*args)

            return evaluate

        if wf := run.walk_forward:
            stamps = (await bars)["timestamp"]
            bounds = windows(len(stamps), wf["in_sample_bars"], wf["out_of_sample_bars"], wf["max_windows"])
            recorder.expected *= len(bounds)
            data, published = await ready
            equity_on = partial(asyncio.to_thread, equity_in, data, published)  # one backtest a window
            update = await run_walk_forward(run, bounds, lambda: _search(run, batch), evaluate_on, equity_on,
                                            recorder.add, stamps)  # fmt: skip
        else:
            search = _search(run, batch)
            await search.run(evaluate_on(0, None), lambda trial: recorder.add(None, trial))
        data, _ = await ready
    trials = time.perf_counter() - started
    if not run.walk_forward:  # the last trials are stored while the best one's full KPIs are computed
        update = (await asyncio.gather(recorder.flush(final=True), _summarize(run, data, search)))[1]
    await recorder.flush(final=True)
    update.update(status=Status.COMPLETED, completed_at=utcnow(), trials_done=recorder.count)
    await OptimizationRun.find_one({"_id": run.id, "status": Status.RUNNING}).update({"$set": update})
    seconds = {"trials": round(trials, 4), "total": round(time.perf_counter() - started, 4)}
    return {"run_id": str(run.id), "best_parameters": update.get("best_parameters"),
            "trials": recorder.count, "seconds": seconds}  # fmt: skip


async def _summarize(run: OptimizationRun, data, search: Search) -> dict[str, Any]:
    if (best := search.best()) is None:
        raise ValueError(f"no trial produced a finite {run.objective}")
    sharpes = [t.bar_sharpe for t in search.results if t.bar_sharpe is not None]
    params = {**run.base_parameters, **best.parameters}
    metrics = await asyncio.to_thread(best_report, data, run, params, best.metrics, sharpes)
    return {"best_parameters": params, "best_value": best.value, "best_metrics": metrics,
            "deflated_sharpe": metrics.get("deflated_sharpe_ratio")}  # fmt: skip
