"""The model registry: a named model, its versions (from experiments) and its aliases."""

from typing import Any

from beanie import PydanticObjectId
from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import DataInterval, ModelAlgorithm, ModelStatus, PredictionTarget


class RegisteredModel(OwnedDocument):
    name: str
    description: str = ""
    status: ModelStatus = Field(
        default=ModelStatus.DRAFT, description="The most advanced status of its versions."
    )
    latest_version: int = 0
    aliases: dict[str, int] = Field(default_factory=dict, description="alias (champion, ...) -> version.")

    class Settings:
        name = "registered_models"
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("name", ASCENDING)], unique=True),
            IndexModel([("status", ASCENDING)]),
        ]


class ModelVersion(OwnedDocument):
    """An immutable trained model; lineage: version -> experiment -> feature versions."""

    model_id: PydanticObjectId
    model_name: str
    version: int
    status: ModelStatus = ModelStatus.DRAFT
    description: str = ""
    experiment_id: PydanticObjectId
    artifact_id: PydanticObjectId
    algorithm: ModelAlgorithm
    target: PredictionTarget
    interval: DataInterval
    feature_refs: list[str]
    feature_version_ids: list[PydanticObjectId]
    metrics: dict[str, Any] = Field(default_factory=dict)

    class Settings:
        name = "model_versions"
        indexes = [IndexModel([("model_id", ASCENDING), ("version", ASCENDING)], unique=True)]
