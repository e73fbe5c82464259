"""Where an optimisation's trials run: a local process pool, or shared with helper tasks on workers.

``PoolTrials`` (embedded default, and whenever tasks run in-process) evaluates a batch on a process
pool of ``optimization_max_workers``. When tasks go to ``quant worker`` processes,
``optimization_helpers`` helper tasks are dispatched with the run's task, and the run's coordinator
deals its trials to them over the worker's broker connection (``DealtTrials``, ``trial_dealer``), so
one optimisation uses every free worker, on any machine.
"""

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from fastapi import FastAPI

from quant_shared.workers import JobContext
from quant_trading.models import OptimizationRun
from quant_trading.services import dealt_trials, job_refs
from quant_trading.services import optimization_worker as worker
from quant_trading.services.dealt_trials import DealtTrials
from quant_trading.services.recovery import OPEN
from quant_trading.services.trial_args import Progress, Waiting, state_args
from quant_trading.settings import trading_settings


class PoolTrials:
    def __init__(self, run: OptimizationRun, bars: dict, processes: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(processes, context, worker.init_worker, state_args(run, bars))
        self.batch_size = processes

    while_waiting: Waiting | None = None  # a pool's caller waits on the pool alone: never called
    data = None  # the bars live in the pool's processes, not here

    async def start(self) -> None:
        """The pool starts its processes on the first trial."""

    def evaluate_on(self, lo: int, hi: int | None, progress: Progress | None = None):
        async def evaluate(points: list[dict]) -> list[dict]:
            loop = asyncio.get_running_loop()
            return await asyncio.gather(
                *(loop.run_in_executor(self.pool, worker.evaluate, p, lo, hi) for p in points)
            )

        return evaluate

    async def equity_on(self, params: dict, lo: int, hi: int):
        return await asyncio.get_running_loop().run_in_executor(self.pool, worker.equity_of, params, lo, hi)

    async def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def shared(app: FastAPI) -> bool:
    """Trials are shared with helpers when tasks run on worker processes and helpers are configured."""
    return app.state.task_dispatcher.distributed and trading_settings(app).optimization_helpers > 0


def trials_for(app: FastAPI, ctx: JobContext, run: OptimizationRun, bars: dict) -> PoolTrials | DealtTrials:
    if shared(app) and getattr(ctx, "nats", None) is not None:  # a worker's task: over its broker
        return DealtTrials(app, ctx, run, bars)
    return PoolTrials(run, bars, trading_settings(app).optimization_max_workers)


def helpers_for(app: FastAPI) -> int:
    """How many helper tasks a run of this app gets (none unless its trials are shared)."""
    return trading_settings(app).optimization_helpers if shared(app) else 0


async def dispatch_helpers(dispatcher, run: OptimizationRun, count: int) -> None:
    """``count`` helper tasks of the run: when it is submitted, and again when its task is
    redelivered (the engine's compiled code is loaded when a worker starts:
    ``DomainSpec.on_worker_start``)."""
    for _ in range(count):
        await dispatcher.dispatch(
            kind="optimization-helper",
            domain="trading",
            owner_id=run.owner_id,
            fn=job_refs.HELP_OPTIMIZATION,
            args={"run_id": str(run.id)},
        )


async def help_run(app: FastAPI, ctx: JobContext, run: OptimizationRun, bars: dict[str, Any]) -> int:
    """A helper task's share of the run's trials (``trading_jobs.help_optimization``)."""
    if getattr(ctx, "nats", None) is None:  # not on a worker: no coordinator deals to it
        return 0
    state = await asyncio.to_thread(worker.make_state, *state_args(run, bars))

    async def still_open() -> bool:
        fresh = await OptimizationRun.get(run.id)
        return fresh is not None and fresh.status in OPEN

    idle = trading_settings(app).optimization_helper_idle_seconds
    return await dealt_trials.assist(ctx.nats, str(run.id), state, idle, still_open)
