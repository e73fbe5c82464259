"""Where an optimisation's trials run: a local process pool, or shared with helper tasks on workers.

``PoolTrials`` (embedded default, and whenever tasks run in-process) evaluates a batch on a process
pool of ``optimization_max_workers``. ``SharedTrials`` is chosen when tasks go to ``quant worker``
processes: the coordinator dispatches ``optimization_helpers`` helper tasks and the trials are shared
through ``trial_sharing``, so one optimisation uses every free worker, on any machine.
"""

import asyncio
import itertools
import multiprocessing
import time
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from beanie import PydanticObjectId
from fastapi import FastAPI

from quant_shared.enums import OptimizationMethod
from quant_shared.workers import JobContext
from quant_trading.models import OptimizationRun, OptimizationWorkItem
from quant_trading.services import job_refs, trial_claims, trial_sharing
from quant_trading.services import optimization_worker as worker
from quant_trading.services.recovery import OPEN
from quant_trading.settings import trading_settings

Progress = Callable[[int], Awaitable[None]]  # trials of the current batch done so far
Waiting = Callable[[list[tuple[dict, dict]]], Awaitable[None]]  # (parameters, output) done so far


def state_args(run: OptimizationRun, bars: dict) -> tuple:
    config = run.config.model_dump()
    return bars, run.strategy_type.value, run.base_parameters, run.spec, config, run.objective


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


class SharedTrials:
    def __init__(self, app: FastAPI, ctx: JobContext, run: OptimizationRun, bars: dict) -> None:
        settings = trading_settings(app)
        self.app, self.ctx, self.run, self.bars = app, ctx, run, bars
        self.run_id = str(run.id)
        self.helpers = settings.optimization_helpers
        self.lease = settings.optimization_trial_lease_seconds
        sequential = run.method == OptimizationMethod.BAYESIAN  # each batch waits on the one before
        self.batch_size = self.helpers + 1 if sequential else max(run.max_trials, 1)
        self.me = trial_sharing.participant_id(ctx.task.id)
        self.state: worker.TrialState = {}
        self.cleanups: set[asyncio.Task] = set()  # finished batches' items being deleted
        self.while_waiting: Waiting | None = None  # once per batch, when only helpers' chunks are left

    @property
    def data(self):
        """The run's ``OHLCV`` as this process's trials use it (after ``start``)."""
        return self.state.get("data")

    async def start(self) -> None:
        making = asyncio.to_thread(worker.make_state, *state_args(self.run, self.bars))
        if getattr(self.ctx, "attempt", 1) == 1:
            self.state = await making
        else:  # the coordinator run before this attempt left its items
            self.state, _ = await asyncio.gather(making, trial_sharing.clear(self.run_id))

    def evaluate_on(self, lo: int, hi: int | None, progress: Progress | None = None):
        async def evaluate(points: list[dict]) -> list[dict]:
            batch = uuid.uuid4().hex
            ends = list(itertools.accumulate(trial_sharing.chunk_sizes(len(points), self.helpers + 1)))
            chunks = [points[lo:hi] for lo, hi in zip([0, *ends[:-1]], ends, strict=True)]
            items = [
                OptimizationWorkItem(
                    id=PydanticObjectId(), run_id=self.run_id, batch=batch, seq=i, points=chunk, lo=lo, hi=hi
                )
                for i, chunk in enumerate(chunks)
            ]
            await OptimizationWorkItem.insert_many(items)
            posted = [item.model_dump(by_alias=True) for item in items]  # the first pass reads nothing
            kept: dict[int, list[dict]] = {}  # outputs by seq known to this process
            try:
                await self._drain(batch, posted, progress, kept)
                return await trial_sharing.outputs_of(self.run_id, batch, kept, len(chunks))
            finally:  # deleted while the run goes on (``close`` waits for it)
                cleanup = asyncio.create_task(trial_sharing.clear(self.run_id, batch))
                self.cleanups.add(cleanup)
                cleanup.add_done_callback(self.cleanups.discard)

        return evaluate

    async def _drain(self, batch: str, posted: list[dict], progress: Progress | None, kept: dict) -> None:
        """Evaluate with the helpers until every chunk of the batch has its outputs."""
        chunks, first = len(posted), posted
        reported = [time.monotonic()]  # the first report after a second (a short batch makes none)

        async def report() -> None:  # ``kept``: the chunks known done, this process's and the helpers'
            if progress is not None and time.monotonic() - reported[0] > 1.0:
                reported[0] = time.monotonic()
                await progress(sum(len(outputs) for outputs in kept.values()))

        reclaimed, waited = time.monotonic(), False

        def leave(item: dict) -> bool:  # the last open trial goes to a helper while this one waits
            others = chunks - len(kept) - 1  # the helpers' chunks being computed, and those not taken
            last = len(item["points"]) == 1 and others <= self.helpers
            return last and self.while_waiting is not None and not waited

        while True:
            await trial_sharing.work(
                self.run_id, self.state, self.me, report, kept=kept, first=first, leave=leave
            )
            first = None
            await trial_sharing.read_new(self.run_id, batch, kept)  # the helpers' finished chunks
            if len(kept) >= chunks:
                return
            if self.while_waiting is not None and not waited:  # this process's core is free meanwhile
                waited = True
                await self.while_waiting(await trial_sharing.evaluated(self.run_id, batch))
                continue  # what it left to the helpers may still be open
            await report()
            if time.monotonic() - reclaimed > 1.0:  # a helper that died: its chunks come back
                reclaimed = time.monotonic()
                await trial_claims.reclaim_stale(self.run_id, self.lease)
            await asyncio.sleep(trial_sharing.SOON_POLL_SECONDS / 4)  # the helpers' last chunks

    async def equity_on(self, params: dict, lo: int, hi: int):
        return await asyncio.to_thread(worker.equity_in, self.state, params, lo, hi)

    async def close(self) -> None:
        await asyncio.gather(*self.cleanups)
        await trial_sharing.clear(self.run_id)  # idle helpers see no work, then the run ended, and stop


def shared(app: FastAPI) -> bool:
    """Trials are shared with helpers when tasks run on worker processes and helpers are configured."""
    return app.state.task_dispatcher.distributed and trading_settings(app).optimization_helpers > 0


def trials_for(app: FastAPI, ctx: JobContext, run: OptimizationRun, bars: dict) -> PoolTrials | SharedTrials:
    if shared(app):
        return SharedTrials(app, ctx, run, bars)
    return PoolTrials(run, bars, trading_settings(app).optimization_max_workers)


async def dispatch_helpers(app: FastAPI, run_id: str) -> None:
    """Before a shared run's inputs load, so the helpers load theirs meanwhile (the engine's compiled
    code is loaded when a worker starts: ``DomainSpec.on_worker_start``)."""
    if not shared(app):
        return
    run = await OptimizationRun.get(PydanticObjectId(run_id))
    if run is None or run.status not in OPEN:
        return
    for _ in range(trading_settings(app).optimization_helpers):
        await app.state.task_dispatcher.dispatch(
            kind="optimization-helper",
            domain="trading",
            owner_id=run.owner_id,
            fn=job_refs.HELP_OPTIMIZATION,
            args={"run_id": run_id},
        )


async def help_run(app: FastAPI, ctx: JobContext, run: OptimizationRun, bars: dict[str, Any]) -> int:
    """A helper task's share of the run's trials (``trading_jobs.help_optimization``)."""
    state = await asyncio.to_thread(worker.make_state, *state_args(run, bars))

    async def still_open() -> bool:
        fresh = await OptimizationRun.get(run.id)
        return fresh is not None and fresh.status in OPEN

    idle = trading_settings(app).optimization_helper_idle_seconds
    me = trial_sharing.participant_id(ctx.task.id)
    return await trial_sharing.assist(str(run.id), state, me, idle, still_open)
