"""Processed event ids per handler, so a redelivered event has no second effect.

One document per (handler, event id) in the ``processed_events`` collection, unique on both. A delivery
first *claims* the pair (an insert: only one claim can succeed), runs the handler, then marks it
``done``; a failed handler releases its claim so the retry runs. A claim older than the lease (its
process died mid-handler) may be taken over.
"""

from datetime import timedelta
from typing import Literal

from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from quant_shared.timeutil import utcnow

COLLECTION = "processed_events"
Claim = Literal["run", "done", "busy"]


class ProcessedEvents:
    def __init__(self, collection: AsyncCollection, lease_seconds: float = 60.0) -> None:
        self.collection = collection
        self.lease = timedelta(seconds=lease_seconds)

    async def ensure_indexes(self) -> None:
        await self.collection.create_indexes(
            [
                IndexModel(
                    [("handler", ASCENDING), ("event_id", ASCENDING)],
                    unique=True,
                    name="handler_event",
                )
            ]
        )

    async def claim(self, handler: str, event_id: str) -> Claim:
        """``run``: this delivery must run the handler; ``done``: already processed; ``busy``: running."""
        now = utcnow()
        try:
            await self.collection.insert_one(
                {
                    "handler": handler,
                    "event_id": event_id,
                    "status": "processing",
                    "claimed_at": now,
                }
            )
            return "run"
        except DuplicateKeyError:
            pass
        current = await self.collection.find_one({"handler": handler, "event_id": event_id})
        if current is None:
            return await self.claim(handler, event_id)
        if current["status"] == "done":
            return "done"
        if current["claimed_at"] > now - self.lease:
            return "busy"
        taken = await self.collection.update_one(
            {"_id": current["_id"], "status": "processing", "claimed_at": current["claimed_at"]},
            {"$set": {"claimed_at": now}},
        )
        return "run" if taken.modified_count == 1 else "busy"

    async def done(self, handler: str, event_id: str) -> None:
        await self.collection.update_one(
            {"handler": handler, "event_id": event_id},
            {"$set": {"status": "done", "done_at": utcnow()}},
        )

    async def release(self, handler: str, event_id: str) -> None:
        await self.collection.delete_one({"handler": handler, "event_id": event_id, "status": "processing"})

    async def is_done(self, handler: str, event_id: str) -> bool:
        found = await self.collection.find_one({"handler": handler, "event_id": event_id, "status": "done"})
        return found is not None
