"""Stores an optimisation's trials as they come, in bulk, and reports progress a few times a second."""

import time

from quant_shared.tasks import TaskContext
from quant_trading.models import OptimizationRun, OptimizationTrial
from quant_trading.services.optimization_search import TrialResult

FLUSH_EVERY = 100  # trials per bulk insert at most
REPORT_SECONDS = 0.25  # progress (and a pending cancel, which raises) this often


class TrialRecorder:
    def __init__(self, ctx: TaskContext, run: OptimizationRun, expected: int) -> None:
        self.ctx, self.run, self.expected = ctx, run, expected
        self.count = 0
        self._pending: list[OptimizationTrial] = []
        self._reported = 0.0

    async def progress(self, in_batch: int = 0) -> None:
        """Progress of the recorded trials plus ``in_batch`` evaluated but not yet recorded."""
        done = self.count + in_batch
        await self.ctx.progress(min(done / self.expected, 0.99), f"{done} trials")

    async def add(self, window: int | None, trial: TrialResult) -> None:
        self._pending.append(
            OptimizationTrial(
                owner_id=self.run.owner_id,
                run_id=str(self.run.id),
                number=self.count,
                window=window,
                parameters=trial.parameters,
                value=trial.value,
                metrics=trial.metrics,
                feasible=trial.feasible,
            )
        )
        self.count += 1
        due = time.monotonic() - self._reported > REPORT_SECONDS
        if due or len(self._pending) >= FLUSH_EVERY:
            await self.flush()
        if due:
            self._reported = time.monotonic()
            await self.progress()

    async def flush(self) -> None:
        if self._pending:
            batch, self._pending = self._pending, []
            await OptimizationTrial.insert_many(batch)
            await OptimizationRun.find_one({"_id": self.run.id}).update({"$set": {"trials_done": self.count}})
