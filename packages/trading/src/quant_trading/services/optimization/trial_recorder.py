"""Stores an optimization's trials as they come, in bulk, and reports progress about once a second (a
pending cancel raises there)."""

import time

from quant_shared.tasks import TaskContext
from quant_shared.timeutil import utcnow
from quant_trading.models import OptimizationRun, OptimizationTrial
from quant_trading.services.optimization.search import TrialResult

FLUSH_EVERY = 100  # trials per bulk insert at most
REPORT_SECONDS = 1.0


class TrialRecorder:
    def __init__(self, ctx: TaskContext, run: OptimizationRun, expected: int) -> None:
        self.ctx, self.run, self.expected = ctx, run, expected
        self.count = 0
        self._pending: list[dict] = []  # trials to insert
        self._reported = time.monotonic()  # the first report after REPORT_SECONDS: a short run makes none

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
                "feasible": True,  # infeasible points are never evaluated
                "created_at": now,
                "updated_at": now,
            }
        )
        self.count += 1
        due = time.monotonic() - self._reported > REPORT_SECONDS
        if due or len(self._pending) >= FLUSH_EVERY:
            await self.flush()
        if due:
            self._reported = time.monotonic()
            await self.progress()

    async def flush(self, final: bool = False) -> None:
        """Store what is pending; ``final``: the run's update that follows records ``trials_done``."""
        batch, self._pending = self._pending, []
        if batch:
            await OptimizationTrial.get_pymongo_collection().insert_many(batch)
        if batch and not final:
            await OptimizationRun.find_one({"_id": self.run.id}).update({"$set": {"trials_done": self.count}})
