"""A submitted ML task's inputs (bars, training rows) kept in GridFS until the task has run.

The API process fetches them with the user's token when a materialisation or a training run is
submitted (unknown symbols and empty windows answer 422 then); whichever process runs the task,
in-process or a ``quant worker`` on another machine, reads them from the database, so no token has to
outlive the request.
"""

import gzip
import json
from typing import Any

from gridfs import AsyncGridFSBucket
from gridfs.errors import NoFile

from quant_ml_platform.models.experiment import ModelExperiment
from quant_shared.tasks import TaskCancelled

BUCKET = "task_inputs"


def _bucket() -> AsyncGridFSBucket:
    return AsyncGridFSBucket(ModelExperiment.get_pymongo_collection().database, bucket_name=BUCKET)


async def save(key: str, payload: dict[str, Any]) -> None:
    await delete(key)  # a key holds one payload
    data = gzip.compress(json.dumps(payload).encode(), 1)
    await _bucket().upload_from_stream(key, data, metadata={"key": key})


async def load(key: str) -> dict[str, Any]:
    """The stored inputs; no inputs means the run already ended (cancelled or failed): ``TaskCancelled``."""
    try:
        stream = await _bucket().open_download_stream_by_name(key)
    except NoFile as exc:
        raise TaskCancelled() from exc
    try:
        return json.loads(gzip.decompress(await stream.read()))
    finally:
        await stream.close()


async def delete(key: str) -> None:
    bucket = _bucket()
    async for item in bucket.find({"filename": key}):
        await bucket.delete(item._id)
