"""Model artifacts in the domain's database through GridFS (skops bytes, never pickle)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from beanie import PydanticObjectId
from gridfs import AsyncGridFSBucket
from gridfs.errors import NoFile

from quant_ml_platform.engine import artifact
from quant_ml_platform.models.experiment import ModelExperiment
from quant_shared.errors import NotFoundError

if TYPE_CHECKING:
    from sklearn.base import BaseEstimator

BUCKET = "model_artifacts"
_cache: dict[str, BaseEstimator] = {}


def _bucket() -> AsyncGridFSBucket:
    database = ModelExperiment.get_pymongo_collection().database
    return AsyncGridFSBucket(database, bucket_name=BUCKET)


async def save(model: BaseEstimator, filename: str, metadata: dict) -> PydanticObjectId:
    data = artifact.dumps(model)
    file_id = await _bucket().upload_from_stream(
        filename, data, metadata={**metadata, "format": "skops", "size": len(data)}
    )
    return PydanticObjectId(file_id)


async def load(file_id: PydanticObjectId) -> BaseEstimator:
    """The model stored under ``file_id`` (artifacts are immutable, so loaded ones are cached)."""
    key = str(file_id)
    if key not in _cache:
        try:
            stream = await _bucket().open_download_stream(file_id)
        except NoFile as exc:
            raise NotFoundError(f"Model artifact {file_id} not found") from exc
        try:
            data = await stream.read()
        finally:
            await stream.close()
        _cache[key] = artifact.loads(data)
    return _cache[key]


async def delete(file_id: PydanticObjectId) -> None:
    _cache.pop(str(file_id), None)
    try:
        await _bucket().delete(file_id)
    except NoFile:
        pass


async def delete_for_experiment(experiment_id: PydanticObjectId) -> None:
    """Every artifact stored for an experiment (a rerun replaces, never duplicates, its model)."""
    bucket = _bucket()
    async for item in bucket.find({"metadata.experiment_id": str(experiment_id)}):
        await delete(PydanticObjectId(item._id))
