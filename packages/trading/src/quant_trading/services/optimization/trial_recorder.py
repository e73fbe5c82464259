"""Stores an optimisation's trials as they come, in bulk, and reports progress a few times a second.

The periodic store and progress report run in the background (the trials of a batch are added right
after it, and the run's end should not wait on them); a failed one (a cancelled run's report raises)
fails the run at the next ``add`` or at ``flush``, which waits for both, then stores the rest.
"""

import asyncio
import time
from collections.abc import Awaitable

from quant_shared.tasks import TaskContext
from quant_shared.timeutil import utcnow
from quant_trading.models import OptimizationRun, OptimizationTrial
from quant_trading.services.optimization.search import TrialResult

FLUSH_EVERY = 100  # trials per bulk insert at most
REPORT_SECONDS = 0.25  # progress (and a pending cancel, which raises) this often


class TrialRecorder:
    def __init__(self, ctx: TaskContext, run: OptimizationRun, expected: int) -> None:
        self.ctx, self.run, self.expected = ctx, run, expected
        self.count = 0
        self._pending: list[dict] = []  # trials to insert
        self._reported = time.monotonic()  # the first report after REPORT_SECONDS: a short run makes none
        self._storing: asyncio.Task | None = None
        self._reporting: asyncio.Task | None = None
        self._final = False

    async def progress(self, in_batch: int = 0) -> None:
        """Progress of the recorded trials plus ``in_batch`` evaluated but not yet recorded."""
        done = self.count + in_batch
        await self.ctx.progress(min(done / self.expected, 0.99), f"{done} trials")

    async def add(self, window: int | None, trial: TrialResult) -> None:
        now = utcnow()
        self._pending.append(  # an ``OptimizationTrial`` as stored: the engine's own values, not
            {  # validated or encoded again (40 trials: ~5 ms, a fifth of their insert)
                "owner_id": self.run.owner_id,
                "run_id": str(self.run.id),
                "number": self.count,
                "window": window,
                "parameters": trial.parameters,
                "value": trial.value,
                "metrics": trial.metrics,
                "feasible": trial.feasible,
                "created_at": now,
                "updated_at": now,
            }
        )
        self.count += 1
        due = time.monotonic() - self._reported > REPORT_SECONDS
        if len(self._pending) >= FLUSH_EVERY:
            await self.flush()
        elif due and (self._storing is None or self._storing.done()):
            if self._storing is not None:
                self._storing.result()  # the last store failed: so does the run, here
            self._storing = asyncio.create_task(self._store_added())
        if due and (self._reporting is None or self._reporting.done()):
            if self._reporting is not None:
                self._reporting.result()  # the run was cancelled (or the report failed): so is the run
            self._reported = time.monotonic()
            self._reporting = asyncio.create_task(self._report_added())

    async def _store_added(self) -> None:
        """The trials added with this one (a batch is added at once) in one insert; none once the
        run's last store began (``final_flush``)."""
        await asyncio.sleep(0)
        if not self._final:
            batch, self._pending = self._pending, []
            await self._store(batch, self.count)

    async def _report_added(self) -> None:
        await asyncio.sleep(0)
        if not self._final:  # the run's end reports its own progress
            await self.progress()

    def final_flush(self) -> Awaitable[None]:
        """``flush(final=True)``, after which the background stores and reports started by ``add``
        do nothing: the last batch's trials go in one insert (the run's update records
        ``trials_done``)."""
        self._final = True
        return self.flush(final=True)

    async def flush(self, final: bool = False) -> None:
        """Store what is pending; ``final``: the run's update that follows records ``trials_done``."""
        if self._reporting is not None:
            reporting, self._reporting = self._reporting, None
            await reporting
        if self._storing is not None:
            storing, self._storing = self._storing, None
            await storing
        if self._pending:
            batch, self._pending = self._pending, []
            await self._store(batch, None if final else self.count)

    async def _store(self, batch: list[dict], count: int | None) -> None:
        await OptimizationTrial.get_pymongo_collection().insert_many(batch)
        if count is not None:
            await OptimizationRun.find_one({"_id": self.run.id}).update({"$set": {"trials_done": count}})
