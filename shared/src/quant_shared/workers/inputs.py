"""A submitted task's inputs kept in GridFS until the task has run, so no user token outlives a request.

The API process fetches a task's inputs (bars, predictions, training rows) with the user's token when
the task is submitted, so bad input answers 422 then; whichever process runs the task, in-process or
a ``quant worker`` on another machine, reads them from the domain's database, unless its
``input_cache`` holds the same bytes (by SHA-256). Stored with ``input_codec`` (numeric lists as raw
arrays).
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from gridfs import AsyncGridFSBucket
from pymongo.asynchronous.database import AsyncDatabase

from quant_shared.tasks import TaskCancelled
from quant_shared.workers import input_codec
from quant_shared.workers.input_cache import digest, shared_cache

READ_BATCH_CHUNKS = 64  # 16 MB of GridFS's 255 kB chunks per reply


class TaskInputStore:
    """``TaskInputStore(lambda: SomeDocument.get_pymongo_collection().database)``: one per domain. With
    ``arrays=True`` ``load`` returns numeric lists as ``array.array`` (for code that feeds NumPy)."""

    def __init__(
        self, database: Callable[[], AsyncDatabase], bucket: str = "task_inputs", *, arrays: bool = False
    ) -> None:
        self._database = database
        self._bucket_name = bucket
        self._arrays = arrays
        self._deleting: set[asyncio.Task] = set()

    def _bucket(self) -> AsyncGridFSBucket:
        return AsyncGridFSBucket(self._database(), bucket_name=self._bucket_name)

    async def save(self, key: str, payload: dict[str, Any]) -> None:
        await self.delete(key)  # a key holds one payload
        data = await asyncio.to_thread(input_codec.encode, payload)
        sha = digest(data)
        await self._bucket().upload_from_stream(key, data, metadata={"key": key, "sha256": sha})
        shared_cache().put(sha, data)

    async def load(self, key: str) -> dict[str, Any]:
        """The stored inputs; none means the run already ended (cancelled, failed): ``TaskCancelled``."""
        files = self._database()[f"{self._bucket_name}.files"]
        found = await files.find_one(
            {"filename": key}, {"metadata": 1, "length": 1}, sort=[("uploadDate", -1)]
        )
        if found is None:
            raise TaskCancelled()
        sha = (found.get("metadata") or {}).get("sha256")
        data = shared_cache().get(sha)  # the bytes this process saved or read before: no read
        if data is None:
            data = await self._read(found["_id"], found["length"])
            if sha:
                shared_cache().put(sha, data)
        return await asyncio.to_thread(input_codec.decode, data, arrays=self._arrays)

    async def _read(self, file_id: Any, length: int) -> bytes:
        """The file's chunks in batches of at most ``READ_BATCH_CHUNKS``: FerretDB answers a cursor's
        next batch without a size with every remaining chunk, which for inputs over about 75 MB exceeds
        the 48 MB message limit (GridFS's own download stream sets no batch size)."""
        chunks = self._database()[f"{self._bucket_name}.chunks"]
        query = chunks.find({"files_id": file_id}, {"data": 1}, sort=[("n", 1)], batch_size=READ_BATCH_CHUNKS)
        parts = [bytes(doc["data"]) async for doc in query]
        data = b"".join(parts)
        if len(data) != length:  # deleted since the look-up
            raise TaskCancelled()
        return data

    async def delete(self, key: str) -> None:
        bucket = self._bucket()
        async for item in bucket.find({"filename": key}):
            await bucket.delete(item._id)

    def delete_soon(self, key: str) -> None:
        """``delete`` without holding up the task's completion (freeing a large input takes FerretDB-SQLite
        most of a second); what a stopped process left behind is for ``sweep``."""
        job = asyncio.create_task(self.delete(key))
        self._deleting.add(job)
        job.add_done_callback(self._deleting.discard)

    async def sweep(self, still_needed: Callable[[str], Awaitable[bool]]) -> int:
        """Delete the stored inputs no open run needs any more; how many."""
        bucket, count = self._bucket(), 0
        async for item in bucket.find({}):
            if not await still_needed(item.filename):
                await bucket.delete(item._id)
                count += 1
        return count
