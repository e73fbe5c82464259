"""A batch of trials over several workers, as ordinary tasks on the task queue.

With tasks on workers and ``optimization_trial_tasks`` N > 1, each batch is cut into N parts: the run's
task evaluates the first on its pool, the others are ``evaluate_trials`` tasks any worker runs on its
pool (``evaluate_part``), the queue acknowledging and redelivering them as any task; the run reads their
outputs from the finished tasks, in the parts' order. A part still pending when the run's own is done
(no worker free) is taken back: cancelled only while pending, in one conditional update, so the run or
one worker evaluates it, never both; so is a failed part.
"""

import asyncio
import math
from collections.abc import Awaitable
from typing import Any

from quant_shared.enums import TaskStatus
from quant_shared.tasks import Task
from quant_trading.models import OptimizationRun
from quant_trading.services import job_refs
from quant_trading.services.optimization.pool_process import RunData
from quant_trading.services.optimization.trial_pool import Progress, TrialPool, trial_pool

POLL_SECONDS = (0.01, 0.05)  # the parts' tasks are read this often, at first and at most


async def spread(
    dispatcher, pool: TrialPool, ready: Awaitable[tuple[Any, RunData]], run: OptimizationRun,
    points: list[dict], lo: int, hi: int | None, parts: int, progress: Progress,
) -> list[dict]:  # fmt: skip
    """The trials' outputs in order; ``ready``: the run's bars published on ``pool`` (the parts are
    dispatched first: their workers load the bars while this one does)."""
    if not points:
        return []
    size = math.ceil(len(points) / parts)
    own, *others = [points[i : i + size] for i in range(0, len(points), size)]
    ids = []
    try:
        for part in others:
            args = {"run_id": str(run.id), "points": part, "lo": lo, "hi": hi}
            task = await dispatcher.dispatch(
                kind="optimization-trials", domain="trading", owner_id=run.owner_id,
                fn=job_refs.EVALUATE_TRIALS, args=args,
            )  # fmt: skip
            ids.append(task.id)
        _, published = await ready
        outputs = [await pool.evaluate(published, own, lo, hi, progress)]
        outputs += await _collect(ids, others, lambda part: pool.evaluate(published, part, lo, hi))
    except BaseException:  # the run failed or was cancelled: so are its parts still to run
        unfinished = {"_id": {"$in": ids}, "status": {"$in": [TaskStatus.PENDING, TaskStatus.RUNNING]}}
        if ids:
            await Task.get_pymongo_collection().update_many(unfinished, {"$set": {"cancel_requested": True}})
        raise
    return [output for part in outputs for output in part]


async def _collect(ids: list, parts: list[list[dict]], evaluate) -> list[list[dict]]:
    """The parts' outputs: from their tasks, or evaluated here when taken back (or failed)."""
    found: dict[int, list[dict] | asyncio.Future] = {}
    delay = POLL_SECONDS[0]
    try:
        while len(found) < len(ids):
            left = {ids[i]: i for i in range(len(ids)) if i not in found}
            for task in await Task.find({"_id": {"$in": list(left)}}).to_list():
                i = left[task.id]
                if task.status == TaskStatus.COMPLETED:
                    found[i] = task.result["outputs"]
                elif task.status.is_final or (task.status == TaskStatus.PENDING and await _take_back(task)):
                    found[i] = asyncio.ensure_future(evaluate(parts[i]))
            if len(found) < len(ids):
                await asyncio.sleep(delay)
                delay = min(2 * delay, POLL_SECONDS[1])
        return [await found[i] if isinstance(found[i], asyncio.Future) else found[i] for i in range(len(ids))]
    finally:
        for value in found.values():
            if isinstance(value, asyncio.Future):
                value.cancel()


async def _take_back(task: Task) -> bool:
    """Cancel the part's task if no worker has started it; whether it was."""
    pending = {"_id": task.id, "status": TaskStatus.PENDING}
    result = await Task.get_pymongo_collection().update_one(pending, {"$set": {"cancel_requested": True}})
    return result.modified_count == 1


async def evaluate_part(ctx, run: OptimizationRun, bars: dict, points: list[dict], lo: int, hi: int | None):
    """An ``evaluate_trials`` task's trials on this worker's pool (progress reports let it be cancelled)."""
    from quant_trading.engine import OHLCV

    pool = await trial_pool(ctx.app)
    data = await asyncio.to_thread(OHLCV.from_columnar, bars)
    async with pool.published(run, data) as published:
        return await pool.evaluate(published, points, lo, hi, lambda done: ctx.progress(done / len(points)))
