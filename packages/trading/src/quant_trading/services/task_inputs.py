"""A submitted task's inputs (bars, ML predictions) kept in GridFS until the task has run.

The API process fetches them with the user's token when a backtest or optimisation is submitted
(unknown symbols answer 422 then); whichever process runs the task, in-process or a worker on another
machine, reads them from the database, so no token has to outlive the request.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from gridfs import AsyncGridFSBucket
from gridfs.errors import NoFile

from quant_shared.tasks import TaskCancelled
from quant_trading.models import Backtest
from quant_trading.services import input_codec

BUCKET = "task_inputs"
_deleting: set[asyncio.Task] = set()


def _bucket() -> AsyncGridFSBucket:
    return AsyncGridFSBucket(Backtest.get_pymongo_collection().database, bucket_name=BUCKET)


async def save(key: str, payload: dict[str, Any]) -> None:
    await _bucket().upload_from_stream(key, input_codec.encode(payload), metadata={"key": key})


async def load(key: str) -> dict[str, Any]:
    """The stored inputs; no inputs means the run already ended (cancelled or failed): ``TaskCancelled``."""
    try:
        stream = await _bucket().open_download_stream_by_name(key)
    except NoFile as exc:
        raise TaskCancelled() from exc
    try:
        return input_codec.decode(await stream.read())
    finally:
        await stream.close()


async def delete(key: str) -> None:
    bucket = _bucket()
    async for item in bucket.find({"filename": key}):
        await bucket.delete(item._id)


def delete_soon(key: str) -> None:
    """``delete`` without holding up the task's completion (freeing a large input takes FerretDB-SQLite
    most of a second); inputs a stopped process left behind are swept at start-up (``sweep``)."""
    job = asyncio.create_task(delete(key))
    _deleting.add(job)
    job.add_done_callback(_deleting.discard)


async def sweep(still_needed: Callable[[str], Awaitable[bool]]) -> int:
    """Delete the stored inputs no open run needs any more; how many."""
    bucket, count = _bucket(), 0
    async for item in bucket.find({}):
        if not await still_needed(item.filename):
            await bucket.delete(item._id)
            count += 1
    return count
