"""Trials of one optimisation shared by worker processes: claim, evaluate, record; reclaim the lost.

A batch of trials is posted as ``OptimizationWorkItem`` chunks. The run's coordinator and its helper
tasks (``trading_jobs.help_optimization``, on other workers) each claim one pending chunk at a time
with an atomic find-and-modify by ``_id``, evaluate it in a thread (one core per process) and store
the outputs. A chunk whose claimant died (its lease ran out) goes back to pending, so a SIGKILLed
helper costs its chunk's time, never the run. Chunks rather than single trials keep the database
work per trial small: on FerretDB-SQLite a claim costs about as much CPU as a short trial.
"""

import asyncio
import os
import random
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

IDLE_POLL_SECONDS = 0.2  # a waiting process looks for work this often (each look costs the database)
PENDING, RUNNING, COMPLETED = TaskStatus.PENDING.value, TaskStatus.RUNNING.value, TaskStatus.COMPLETED.value


def participant_id(task_id: Any) -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{task_id}"


def _items():
    return OptimizationWorkItem.get_pymongo_collection()


async def pending_ids(run_id: str) -> list:
    """The run's unclaimed items, in a random order so that processes rarely race for the same one."""
    ids = [doc["_id"] async for doc in _items().find({"run_id": run_id, "status": PENDING}, {"_id": 1})]
    random.shuffle(ids)
    return ids


async def claim(item_id, participant: str) -> dict | None:
    """Take one item if it is still pending (an update by ``_id``: cheap even on FerretDB-SQLite)."""
    now = utcnow()
    return await _items().find_one_and_update(
        {"_id": item_id, "status": PENDING},
        {"$set": {"status": RUNNING, "claimed_by": participant, "claimed_at": now, "updated_at": now}},
        return_document=ReturnDocument.AFTER,
    )


async def work(
    run_id: str, state: worker.TrialState, participant: str, after_each: Callable[[], Awaitable] | None = None
) -> int:
    """Evaluate pending chunks of the run until none is left; how many trials this process evaluated."""
    count = 0
    while ids := await pending_ids(run_id):
        for item_id in ids:
            if (item := await claim(item_id, participant)) is None:
                continue  # another process took it
            outputs = await asyncio.to_thread(_evaluate_chunk, state, item)
            await _items().update_one(
                {"_id": item_id, "status": RUNNING, "claimed_by": participant},
                {"$set": {"status": COMPLETED, "outputs": outputs, "updated_at": utcnow()}},
            )
            count += len(outputs)
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
    """A helper's loop: take the run's trials as they come; stop once the run ended, or once it found
    nothing to take for ``idle_seconds`` after its last trial (the run's last chunks are taken)."""
    total, last_work = 0, None
    while True:
        done = await work(run_id, state, participant)
        total += done
        if done:
            last_work = time.monotonic()
        elif not await still_open():
            return total
        elif last_work is not None and time.monotonic() - last_work > idle_seconds:
            return total
        # before its first chunk the run's trials are about to be posted: look more often
        await asyncio.sleep(IDLE_POLL_SECONDS if last_work is not None else IDLE_POLL_SECONDS / 4)


def _evaluate_chunk(state: worker.TrialState, item: dict) -> list[dict]:
    return [worker.evaluate_in(state, point, item["lo"], item["hi"]) for point in item["points"]]


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
