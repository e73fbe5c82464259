"""Claims of shared optimisation chunks: exactly one process per chunk, lost claims taken back.

Stock FerretDB v1 (SQLite) runs neither find-and-modify nor a filtered update atomically: with four
processes claiming 20 chunks at once, a find-and-modify of the next pending chunk handed out 192 of
400 chunks twice (``tests/test_trial_claims.py`` keeps the race; the embedded build now serialises
updates, a stock server does not). What every server runs atomically is the unique ``_id`` of an
insert. So a claim is the insert of an ``OptimizationWorkClaim`` whose id is the
chunk's id and generation: one insert succeeds, the others get a duplicate-key error.

A helper's chunk is done when its ``OptimizationWorkOutput`` exists (the coordinator keeps its own
outputs); chunks are never updated otherwise. So a chunk costs the database one or two inserts, and
a process reads the list of open (unclaimed) chunks once per pass (``open_chunks``), not once per
chunk: every query takes CPU from the cores the trials run on, and a chunk another process holds is
not tried again. A claim older than the lease whose chunk has no outputs (its claimant died) puts the
chunk one generation up, so that it can be claimed again.
"""

from datetime import timedelta

from pymongo.errors import DuplicateKeyError

from quant_shared.timeutil import utcnow
from quant_trading.models import OptimizationWorkClaim, OptimizationWorkItem, OptimizationWorkOutput

HELD = {"_id": 0, "item": 1, "generation": 1}


def items():
    return OptimizationWorkItem.get_pymongo_collection()


def outputs():
    return OptimizationWorkOutput.get_pymongo_collection()


def _claims():
    return OptimizationWorkClaim.get_pymongo_collection()


async def held(run_id: str) -> set[tuple]:
    """(chunk id, generation) of the run's claims."""
    return {(c["item"], c["generation"]) async for c in _claims().find({"run_id": run_id}, HELD)}


def is_held(chunk: dict, claimed: set[tuple]) -> bool:
    return (chunk["_id"], chunk.get("generation", 0)) in claimed


async def open_chunks(run_id: str, last_first: bool = False) -> list[dict]:
    """The run's chunks nobody holds (no claim of their generation: none, or its claimant's died and
    ``reclaim_stale`` put the chunk one up), by ``seq`` (from the last with ``last_first``)."""
    claimed = await held(run_id)
    chunks = [c async for c in items().find({"run_id": run_id}) if not is_held(c, claimed)]
    return sorted(chunks, key=lambda c: c["seq"], reverse=last_first)


async def claim(chunk: dict, participant: str) -> bool:
    """Whether this process got the chunk (False: another one has it)."""
    generation = chunk.get("generation", 0)
    lock = {"_id": f"{chunk['_id']}:{generation}", "run_id": chunk["run_id"], "batch": chunk["batch"]}
    lock.update(item=chunk["_id"], generation=generation, claimed_by=participant, claimed_at=utcnow())
    try:
        await _claims().insert_one(lock)
    except DuplicateKeyError:
        return False
    return True


async def finished(run_id: str, batch: str) -> int:
    """How many chunks of the batch have their outputs."""
    return await outputs().count_documents({"run_id": run_id, "batch": batch})


async def reclaim_stale(
    run_id: str, lease_seconds: float, keep: str | None = None, done: set | None = None
) -> int:
    """Chunks claimed longer ago than the lease and still without outputs (their process died) go
    one generation up, claimable again; how many. ``keep``: a live claimant whose chunks stay its own
    (the coordinator, which keeps its outputs to itself); ``done``: ids of chunks whose outputs
    arrived otherwise (sent to the coordinator)."""
    expired = {"run_id": run_id, "claimed_at": {"$lt": utcnow() - timedelta(seconds=lease_seconds)}}
    if keep is not None:
        expired["claimed_by"] = {"$ne": keep}
    done = {*(done or ()), *[o["_id"] async for o in outputs().find({"run_id": run_id}, {"_id": 1})]}
    back = 0
    async for lock in _claims().find(expired):
        if lock["item"] not in done:  # a done chunk keeps its claim: it is not open again
            result = await items().update_one(
                {"_id": lock["item"], "generation": lock["generation"]}, {"$inc": {"generation": 1}}
            )
            back += result.modified_count
            await _claims().delete_one({"_id": lock["_id"]})
    return back


async def clear(query: dict) -> None:
    """Delete the claims matching ``query`` (``run_id``, and ``batch`` or not)."""
    await _claims().delete_many(query)
