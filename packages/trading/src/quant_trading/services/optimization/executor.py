"""Runs an optimisation task: trials evaluated on the trial pool (and, on workers, by other workers'
tasks: ``trial_tasks``), stored as ``OptimizationTrial``, the best reported."""

import asyncio
import time
from typing import Any

from fastapi import FastAPI

from quant_shared.auth import Principal
from quant_shared.enums import BacktestStatus, OptimizationMethod
from quant_shared.tasks import Task, TaskAccepted, TaskContext
from quant_shared.timeutil import utcnow
from quant_trading.models import OptimizationRun
from quant_trading.services import job_refs, task_inputs
from quant_trading.services.engine_bridge import series_metrics
from quant_trading.services.optimization import trial_tasks
from quant_trading.services.optimization.best_trial import best_metrics
from quant_trading.services.optimization.parameter_space import parse_constraints
from quant_trading.services.optimization.search import Search, TrialResult
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
    return await dispatcher.dispatch(
        kind="optimization",
        domain="trading",
        owner_id=owner_id,
        fn=job_refs.RUN_OPTIMIZATION,
        args={"run_id": key},
        result_ref={"collection": "optimization_runs", "id": key},
        on_failure=job_refs.OPTIMIZATION_FAILED,
    )


def _search(run: OptimizationRun, batch: int) -> Search:
    constraints = parse_constraints(run.constraints, set(run.parameter_ranges) | set(run.base_parameters))
    return Search(
        run.method,
        run.parameter_ranges,
        constraints,
        run.objective,
        run.maximize,
        run.max_trials,
        seed=run.seed,
        batch_size=batch,
        base=run.base_parameters,
    )


async def execute_optimization(
    app: FastAPI, ctx: TaskContext, run: OptimizationRun, bars: dict
) -> dict[str, Any]:
    """``run``: pending (or open, when its task is redelivered)."""
    from quant_trading.engine import OHLCV

    dispatcher = app.state.task_dispatcher
    parts = trading_settings(app).optimization_trial_tasks if dispatcher.distributed else 1
    n_windows = len(_windows(run, bars)) if run.walk_forward else 1
    recorder = TrialRecorder(ctx, run, max(run.max_trials * n_windows, 1))
    seconds: dict[str, float] = {}

    async def search_and_summarise(started: float) -> dict[str, Any]:
        pool, data = await asyncio.gather(trial_pool(app), asyncio.to_thread(OHLCV.from_columnar, bars))
        async with pool.published(run, data) as published:
            seconds["start"] = time.perf_counter() - started

            def evaluate_on(lo: int, hi: int | None):
                async def evaluate(points: list[dict]) -> list[dict]:
                    args = (dispatcher, pool, published, run, points, lo, hi, parts, recorder.progress)
                    return await trial_tasks.spread(*args)

                return evaluate

            # a grid or random search is one batch; a Bayesian one asks for a suggestion per process
            batch = pool.processes * parts if run.method == OptimizationMethod.BAYESIAN else run.max_trials
            if run.walk_forward:
                equity_on = lambda *args: pool.equity(published, *args)  # noqa: E731
                update = await _walk_forward(run, bars, batch, evaluate_on, equity_on, recorder.add)
                await recorder.final_flush()
                return update
            search = _search(run, batch)
            await search.run(evaluate_on(0, None), lambda t: recorder.add(None, t))
        seconds["trials"] = time.perf_counter() - started - seconds["start"]
        # the last trials are stored while the best one's full KPIs are computed
        _, summary = await asyncio.gather(
            recorder.final_flush(), _summarise(run, data, search.results, search.best())
        )
        seconds["summary"] = time.perf_counter() - started - seconds["start"] - seconds["trials"]
        return summary

    async def search_all() -> dict[str, Any]:
        running = {"$set": {"status": BacktestStatus.RUNNING}}
        marking = asyncio.ensure_future(OptimizationRun.find_one({"_id": run.id}).update(running))
        try:  # the run is marked running while its trials start, and before it ends either way
            update = await search_and_summarise(time.perf_counter())
        except BaseException:
            await asyncio.gather(marking, return_exceptions=True)
            raise
        await marking
        return update

    timeout = trading_settings(app).optimization_timeout_seconds
    try:
        update = await asyncio.wait_for(search_all(), timeout)
    except TimeoutError as exc:
        raise RuntimeError(f"the optimisation did not finish within {timeout:g} s") from exc
    update.update(status=BacktestStatus.COMPLETED, completed_at=utcnow(), trials_done=recorder.count)
    await OptimizationRun.find_one({"_id": run.id, "status": BacktestStatus.RUNNING}).update({"$set": update})
    result = {"run_id": str(run.id), "best_parameters": update.get("best_parameters")}
    return {**result, "trials": recorder.count, "seconds": {k: round(v, 4) for k, v in seconds.items()}}


def _windows(run: OptimizationRun, bars: dict) -> list[tuple[int, int, int]]:
    wf = run.walk_forward or {}
    return windows(len(bars["timestamp"]), wf["in_sample_bars"], wf["out_of_sample_bars"], wf["max_windows"])


async def _summarise(run: OptimizationRun, data, results: list[TrialResult], best) -> dict[str, Any]:
    if best is None:
        raise ValueError(f"no trial produced a finite {run.objective}")
    sharpes = [t.bar_sharpe for t in results if t.bar_sharpe is not None]
    params = {**run.base_parameters, **best.parameters}
    metrics = await best_metrics(data, run, params, best.metrics, sharpes)
    return {
        "best_parameters": params,
        "best_value": best.value,
        "best_metrics": metrics,
        "deflated_sharpe": metrics.get("deflated_sharpe_ratio"),
    }


async def _walk_forward(run, bars, batch, evaluate_on, equity_on, on_trial) -> dict[str, Any]:
    result = await run_walk_forward(
        lambda: _search(run, batch),
        _windows(run, bars),
        evaluate_on,
        equity_on,
        on_trial,
        bars["timestamp"],
        run.config.initial_cash,
    )
    trials = result.pop("trials")
    sharpes = [t.bar_sharpe for t in trials if t.bar_sharpe is not None]
    oos = series_metrics(result["timestamp"], result["equity"], len(trials), sharpes)
    last = result["windows"][-1]
    return {
        "best_parameters": {**run.base_parameters, **last["best_parameters"]},
        "best_value": last["in_sample_value"],
        "best_metrics": oos,
        "deflated_sharpe": oos.get("deflated_sharpe_ratio"),
        "walk_forward_result": {**result, "oos_metrics": oos},
    }
