"""Claims of shared optimisation chunks: exactly one process per chunk, lost claims taken back.

FerretDB (SQLite) runs neither find-and-modify nor a filtered update atomically: with four processes
claiming 20 chunks at once, a find-and-modify of the next pending chunk handed out 192 of 400 chunks
twice (``/tests/test_optimization_workers.py`` keeps the race). What it does run atomically is the
unique ``_id`` of an insert. So a claim is the insert of an ``OptimizationWorkClaim`` whose id is the
chunk's id and generation: one insert succeeds, the others get a duplicate-key error and try the next
pending chunk. The chunk is then marked running (for progress and for the lease; a chunk whose lock
exists is skipped by the others even while it still reads pending).

A claim older than the lease whose chunk has not completed (its claimant died, before or after
marking it) puts the chunk back to pending with the next generation, so it can be claimed again.
"""

from datetime import timedelta

from pymongo import ASCENDING, DESCENDING
from pymongo.errors import DuplicateKeyError

from quant_shared.enums import TaskStatus
from quant_shared.timeutil import utcnow
from quant_trading.models import OptimizationWorkClaim, OptimizationWorkItem

PENDING, RUNNING, COMPLETED = TaskStatus.PENDING.value, TaskStatus.RUNNING.value, TaskStatus.COMPLETED.value


def items():
    return OptimizationWorkItem.get_pymongo_collection()


def _claims():
    return OptimizationWorkClaim.get_pymongo_collection()


async def claim_next(run_id: str, participant: str, last_first: bool = False) -> dict | None:
    """Take the run's next pending chunk, if any: the coordinator from the first, helpers from the
    last (so they rarely want the same one). Not yet marked running: ``mark_running``."""
    taken: list = []  # locked by another process, not yet marked
    while True:
        query: dict = {"run_id": run_id, "status": PENDING}
        if taken:
            query["_id"] = {"$nin": taken}
        order = [("seq", DESCENDING if last_first else ASCENDING)]
        item = await items().find_one(query, sort=order)
        if item is None:
            return None
        generation, now = item.get("generation", 0), utcnow()
        lock = {"_id": f"{item['_id']}:{generation}", "run_id": run_id, "batch": item["batch"]}
        lock.update(item=item["_id"], generation=generation, claimed_by=participant, claimed_at=now)
        try:
            await _claims().insert_one(lock)
        except DuplicateKeyError:
            taken.append(item["_id"])
            continue
        return {**item, "status": RUNNING, "claimed_by": participant, "claimed_at": now}


async def mark_running(item: dict) -> None:
    """Record the claim on the chunk (done while the claimant computes it)."""
    await items().update_one(
        {"_id": item["_id"], "generation": item.get("generation", 0), "status": PENDING},
        {"$set": {k: item[k] for k in ("status", "claimed_by", "claimed_at")} | {"updated_at": utcnow()}},
    )


async def mark_completed(item: dict) -> None:
    """After its outputs are stored (by whichever claimant: a late one's are as good)."""
    await items().update_one({"_id": item["_id"]}, {"$set": {"status": COMPLETED, "updated_at": utcnow()}})


async def reclaim_stale(run_id: str, lease_seconds: float) -> int:
    """Chunks claimed longer ago than the lease and not completed (their process died) go back to
    pending, one generation up; how many."""
    expired = utcnow() - timedelta(seconds=lease_seconds)
    back = 0
    async for lock in _claims().find({"run_id": run_id, "claimed_at": {"$lt": expired}}):
        result = await items().update_one(
            {"_id": lock["item"], "generation": lock["generation"], "status": {"$ne": COMPLETED}},
            {
                "$set": {"status": PENDING, "claimed_by": None, "claimed_at": None},
                "$inc": {"generation": 1},
            },
        )
        back += result.modified_count
        await _claims().delete_one({"_id": lock["_id"]})
    return back


async def clear(query: dict) -> None:
    """Delete the claims matching ``query`` (``run_id``, and ``batch`` or not)."""
    await _claims().delete_many(query)
