"""The trial pool: a process pool over this machine's cores, started once, kept warm, shared by runs.

One per process running optimizations: a worker starts it before its first task, an API process
running its tasks itself in the background at start-up; it stops with that process. Its processes are
forked from a fork server that loaded the engine's compiled code once (``pool_preload``). A run's bars
reach them as one file (``published``); a trial sends only its parameters. A process that dies fails
the run, and the next run starts a new pool.
"""

import asyncio
import logging
import multiprocessing
import os
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager

from fastapi import FastAPI

from quant_shared.settings import get_settings
from quant_trading.models import OptimizationRun
from quant_trading.services.optimization import pool_process
from quant_trading.services.optimization.pool_process import RunData
from quant_trading.settings import trading_settings

PRELOAD = "quant_trading.services.optimization.pool_preload"
PROGRESS_SECONDS = 1.0  # a batch's progress (and a pending cancel, which raises) this often
Progress = Callable[[int], Awaitable[None]]  # trials of the current batch done so far
log = logging.getLogger("quant.trading.optimization")


class TrialPool:
    def __init__(self, processes: int, keep_mb: int | None = None) -> None:
        """``keep_mb``: freed memory each process keeps for reuse (None: ``QUANT_MALLOC_KEEP_MB``)."""
        self.processes = processes
        self.keep_mb = get_settings().malloc_keep_mb if keep_mb is None else keep_mb
        self._executor: ProcessPoolExecutor | None = None
        self._starting: asyncio.Future | None = None

    async def start(self) -> "TrialPool":
        """Every process started and warm (concurrent callers share one start)."""
        starting = self._starting
        if starting is None or (starting.done() and (starting.cancelled() or starting.exception())):
            starting = self._starting = asyncio.ensure_future(asyncio.to_thread(self._start))
        executor = await asyncio.shield(starting)
        if starting is self._starting:  # not closed meanwhile
            self._executor = executor
        return self

    def _start(self) -> ProcessPoolExecutor:  # blocking: the fork server's start loads the engine
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([PRELOAD])
        start, args = pool_process.start_process, (os.getpid(), self.keep_mb)
        executor = ProcessPoolExecutor(self.processes, context, initializer=start, initargs=args)
        wait([executor.submit(os.getpid) for _ in range(self.processes)])  # one process forked per call
        return executor

    @asynccontextmanager
    async def published(self, run: OptimizationRun, data) -> AsyncIterator[RunData]:
        """``data`` (the run's checked ``OHLCV``) where the pool's processes find it, until exit."""
        fd, path = tempfile.mkstemp(prefix="quant-bars-", suffix=".bin")
        try:
            with os.fdopen(fd, "wb") as file:
                await asyncio.to_thread(pool_process.write_bars, file, data)
            yield RunData.of(run, path, len(data))
        finally:
            os.unlink(path)

    async def evaluate(
        self, run: RunData, points: list[dict], lo: int, hi: int | None, progress: Progress | None = None
    ) -> list[dict]:
        """The trials' outputs in ``points``' order; ``progress`` is told how many are done every
        ``PROGRESS_SECONDS`` (a raise there cancels the trials not started)."""
        executor, futures = self._executor, []
        try:
            futures = [self._submit(executor, pool_process.evaluate, run, point, lo, hi) for point in points]
            pending = set(futures)
            while pending:
                _, pending = await asyncio.wait(pending, timeout=PROGRESS_SECONDS)
                if pending and progress is not None:
                    await progress(len(futures) - len(pending))
            return [future.result() for future in futures]
        except BrokenProcessPool as exc:
            self._broken(executor)
            raise RuntimeError("a trial process stopped (the next run starts a new pool)") from exc
        finally:
            for future in futures:
                future.cancel()

    @staticmethod
    def _submit(executor: ProcessPoolExecutor | None, fn, *args) -> asyncio.Future:
        if executor is None:
            raise RuntimeError("the trial pool is not started")
        return asyncio.get_running_loop().run_in_executor(executor, fn, *args)

    def _broken(self, executor: ProcessPoolExecutor | None) -> None:
        if executor is not None and executor is self._executor:
            self._executor = self._starting = None
            executor.shutdown(wait=False, cancel_futures=True)

    async def close(self) -> None:
        """Shut the processes down (a start still under way: once it ends, in the background)."""
        starting, self._starting, self._executor = self._starting, None, None
        if starting is not None and not starting.done():
            starting.add_done_callback(lambda done: (executor := _started(done)) and executor.shutdown(False))
        elif starting is not None and (executor := _started(starting)) is not None:
            await asyncio.to_thread(executor.shutdown, True, cancel_futures=True)


def _started(starting: asyncio.Future) -> ProcessPoolExecutor | None:
    """The executor a finished start gave, if it succeeded."""
    return None if starting.cancelled() or starting.exception() else starting.result()


async def trial_pool(app: FastAPI) -> TrialPool:
    """The app's trial pool, started (at once, or when its start is under way, once that ends)."""
    pool = getattr(app.state, "trial_pool", None)
    if pool is None:
        processes, keep_mb = trading_settings(app).optimization_max_workers, app.state.settings.malloc_keep_mb
        pool = app.state.trial_pool = TrialPool(processes, keep_mb)
    return await pool.start()


async def start_in_background(app: FastAPI) -> None:
    """Start-up hook: an API process running its tasks itself starts its pool without waiting for it."""
    if not app.state.task_dispatcher.distributed:
        app.state.trial_pool_start = asyncio.create_task(trial_pool(app))
        app.state.trial_pool_start.add_done_callback(_logged)


async def start_for_worker(app: FastAPI) -> None:
    """Worker start hook: the pool and this process's own engine (best trials, backtests) warm."""
    await asyncio.gather(asyncio.to_thread(pool_process.warm_up), trial_pool(app))


async def close_trial_pool(app: FastAPI) -> None:
    pool = getattr(app.state, "trial_pool", None)
    if pool is not None:
        await pool.close()


def _logged(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("the trial pool did not start", exc_info=task.exception())
