"""Trials of one optimisation shared by worker processes: claim, evaluate, record; reclaim the lost.

A batch of trials is posted as ``OptimizationWorkItem`` documents. The run's coordinator and its
helper tasks (``trading_jobs.help_optimization``, on other workers) each claim one pending item at a
time with an atomic find-and-modify, evaluate it in a thread (one core per process) and store the
output. An item whose claimant died (its lease ran out) goes back to pending, so a SIGKILLed helper
costs its one trial, never the run.
"""

import asyncio
import os
import socket
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from pymongo import ReturnDocument

from quant_shared.enums import TaskStatus
from quant_shared.timeutil import utcnow
from quant_trading.models import OptimizationWorkItem
from quant_trading.services import optimization_worker as worker

PENDING, RUNNING, COMPLETED = TaskStatus.PENDING.value, TaskStatus.RUNNING.value, TaskStatus.COMPLETED.value


def participant_id(task_id: Any) -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{task_id}"


def _items():
    return OptimizationWorkItem.get_pymongo_collection()


async def claim(run_id: str, participant: str) -> dict | None:
    now = utcnow()
    return await _items().find_one_and_update(
        {"run_id": run_id, "status": PENDING},
        {"$set": {"status": RUNNING, "claimed_by": participant, "claimed_at": now, "updated_at": now}},
        sort=[("seq", 1)],
        return_document=ReturnDocument.AFTER,
    )


async def work(
    run_id: str, state: worker.TrialState, participant: str, after_each: Callable[[], Awaitable] | None = None
) -> int:
    """Evaluate pending items of the run until none is left; how many this process evaluated."""
    count = 0
    while (item := await claim(run_id, participant)) is not None:
        window = item["lo"], item["hi"]
        output = await asyncio.to_thread(worker.evaluate_in, state, item["parameters"], *window)
        await _items().update_one(
            {"_id": item["_id"], "status": RUNNING, "claimed_by": participant},
            {"$set": {"status": COMPLETED, "output": output, "updated_at": utcnow()}},
        )
        count += 1
        if after_each is not None:
            await after_each()
    return count


async def assist(
    run_id: str,
    state: worker.TrialState,
    participant: str,
    idle_seconds: float,
    still_open: Callable[[], Awaitable[bool]],
) -> int:
    """A helper's loop: take the run's trials as they come; stop once the run ended or stayed idle."""
    total, idle_since = 0, time.monotonic()
    while True:
        done = await work(run_id, state, participant)
        total += done
        if done:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since > idle_seconds or not await still_open():
            return total
        await asyncio.sleep(0.02)


async def reclaim_stale(run_id: str, lease_seconds: float) -> int:
    """Items claimed longer ago than the lease (their process died) go back to pending."""
    expired = utcnow() - timedelta(seconds=lease_seconds)
    result = await _items().update_many(
        {"run_id": run_id, "status": RUNNING, "claimed_at": {"$lt": expired}},
        {"$set": {"status": PENDING, "claimed_by": None, "claimed_at": None}},
    )
    return result.modified_count


async def clear(run_id: str) -> None:
    await _items().delete_many({"run_id": run_id})
