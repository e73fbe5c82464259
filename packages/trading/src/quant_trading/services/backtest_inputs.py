"""A submitted backtest's inputs (bars, ML predictions) kept in GridFS until its task has run.

The API process fetches them with the user's token when the backtest is submitted (unknown symbols
answer 422 then); whichever process runs the task, in-process or a worker on another machine, reads
them from the database, so no token has to outlive the request.
"""

import gzip
import json
from typing import Any

from gridfs import AsyncGridFSBucket

from quant_trading.models import Backtest

BUCKET = "backtest_inputs"


def _bucket() -> AsyncGridFSBucket:
    return AsyncGridFSBucket(Backtest.get_pymongo_collection().database, bucket_name=BUCKET)


async def save(backtest_id: str, bars: dict[str, Any], predictions: dict[str, Any]) -> None:
    data = gzip.compress(json.dumps({"bars": bars, "predictions": predictions}).encode(), 1)
    await _bucket().upload_from_stream(backtest_id, data, metadata={"backtest_id": backtest_id})


async def load(backtest_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The inputs stored for the backtest; ``LookupError`` when there are none (already cleaned up)."""
    stream = await _bucket().open_download_stream_by_name(backtest_id)
    try:
        payload = json.loads(gzip.decompress(await stream.read()))
    finally:
        await stream.close()
    return payload["bars"], payload["predictions"]


async def delete(backtest_id: str) -> None:
    bucket = _bucket()
    async for item in bucket.find({"filename": backtest_id}):
        await bucket.delete(item._id)
