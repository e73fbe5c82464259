"""One optimization over worker processes (a real nats-server): its batch split into tasks on the task
queue, the same trials and best parameters as one process evaluating them; a part no worker is free
to take is taken back by the run; how the run collects its parts."""

import asyncio

import numpy as np

from quant_shared.auth import Principal
from quant_shared.enums import DataInterval, OptimizationMethod, StrategyType, TaskStatus
from quant_shared.tasks import Task
from quant_shared.testing import running_app
from quant_shared.workers.process import worker_env, worker_process
from quant_trading.app import create_app
from quant_trading.engine import OHLCV
from quant_trading.models import BacktestConfig, OptimizationRun, OptimizationTrial, ParameterRange
from quant_trading.services.optimization import trial_tasks
from quant_trading.services.optimization.executor import submit_optimization
from quant_trading.services.optimization.parameter_space import grid
from quant_trading.services.optimization.pool_process import RunData, evaluate_in

RANGES = {"fast": ParameterRange(low=5, high=30, step=5), "slow": ParameterRange(low=60, high=120, step=20)}


def columnar(n: int = 100_000) -> dict[str, list]:
    """Bars on which a trial takes a few milliseconds: the run's own part outlasts a part's pick-up."""
    rng = np.random.default_rng(9)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.002, n)))
    stamps = (1_700_000_000_000 + 60_000 * np.arange(n)).tolist()
    return {"timestamp": stamps, "open": close.tolist(), "high": (close * 1.001).tolist(),
            "low": (close * 0.999).tolist(), "close": close.tolist(), "volume": [1.0] * n}  # fmt: skip


def in_one_process(bars: dict) -> list[tuple[int, dict, float | None]]:
    data, run = (
        OHLCV.from_columnar(bars),
        RunData("sma_crossover", {}, None, BacktestConfig().model_dump(), "sharpe_ratio"),
    )
    return [
        (k, p, evaluate_in(data, run, p)["metrics"].get("sharpe_ratio")) for k, p in enumerate(grid(RANGES))
    ]


async def optimize(app, bars: dict) -> tuple[OptimizationRun, list, list[Task]]:
    run = OptimizationRun(
        owner_id="u1", name="split", strategy_type=StrategyType.SMA_CROSSOVER, parameter_ranges=RANGES,
        method=OptimizationMethod.GRID, objective="sharpe_ratio", max_trials=24, symbol="SYN",
        interval=DataInterval.M1,
    )  # fmt: skip
    accepted = await submit_optimization(app, Principal(user_id="u1"), run, bars)
    for _ in range(1200):
        task = await Task.get(accepted.task_id)
        if task.status.is_final:
            break
        await asyncio.sleep(0.05)
    assert task.status == TaskStatus.COMPLETED, (task.status, task.error)
    trials = await OptimizationTrial.find({"run_id": str(run.id)}).sort("number").to_list()
    parts = await Task.find(
        {"kind": "optimization-trials", "created_at": {"$gte": task.created_at}}
    ).to_list()
    return await OptimizationRun.get(run.id), [(t.number, t.parameters, t.value) for t in trials], parts


async def test_one_run_over_two_workers_equals_one_process(trading_app_settings, workers, monkeypatch):
    monkeypatch.setenv("QUANT_TRADING_OPTIMIZATION_TRIAL_TASKS", "2")  # the run's part and one task
    monkeypatch.setenv("QUANT_TRADING_OPTIMIZATION_MAX_WORKERS", "1")  # one core each
    env = worker_env(trading_app_settings.mongodb_url, trading_app_settings.db_prefix, workers)
    bars = columnar()
    expected = in_one_process(bars)
    best = max((t for t in expected if t[2] is not None), key=lambda t: t[2])[1]
    app = create_app(trading_app_settings)
    async with running_app(app):
        with worker_process(env, "opt-a", domains="trading"):
            alone, alone_trials, alone_parts = await optimize(app, bars)  # no other worker is free
            with worker_process(env, "opt-b", domains="trading"):
                split, split_trials, split_parts = await optimize(app, bars)
                await asyncio.sleep(0.5)  # the taken-back part's task, now picked up, is cancelled
                alone_parts = [await Task.get(t.id) for t in alone_parts]
                run_task = await Task.get(split.task_id)
    assert alone_trials == split_trials == expected  # numbered by their place in the grid
    assert alone.best_parameters == split.best_parameters == best
    assert [(t.status, t.cancel_requested) for t in alone_parts] == [(TaskStatus.CANCELLED, True)]
    ran_on = [(t.status, t.worker) for t in split_parts]
    assert len(ran_on) == 1 and ran_on[0][0] == TaskStatus.COMPLETED, ran_on
    assert {run_task.worker, ran_on[0][1]} == {"nats:opt-a", "nats:opt-b"}


async def test_parts_are_read_from_their_tasks_or_evaluated_by_the_run(trading_app_settings):
    """No worker: the run finds one part done, one failed, one pending (taken back, cancelled) and
    one running that ends meanwhile; it evaluates the failed and the taken-back part itself."""
    async with running_app(create_app(trading_app_settings)):
        statuses = (TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.PENDING, TaskStatus.RUNNING)
        tasks = [
            Task(kind="optimization-trials", domain="trading", owner_id="u1", status=s) for s in statuses
        ]
        for task in tasks:
            task.result = {"outputs": [f"remote {task.status}"]}
            await task.insert()
        evaluated = []

        async def evaluate(part: list) -> list:
            evaluated.append(part)
            return [f"local {part[0]}"]

        async def finish_running() -> None:
            await asyncio.sleep(0.1)
            await Task.find_one(Task.id == tasks[3].id).update({"$set": {"status": TaskStatus.COMPLETED}})

        finishing = asyncio.create_task(finish_running())
        outputs = await trial_tasks._collect([t.id for t in tasks], [["a"], ["b"], ["c"], ["d"]], evaluate)
        await finishing
        taken_back = await Task.get(tasks[2].id)
    assert outputs == [["remote completed"], ["local b"], ["local c"], ["remote running"]]
    assert sorted(evaluated) == [["b"], ["c"]] and taken_back.cancel_requested
