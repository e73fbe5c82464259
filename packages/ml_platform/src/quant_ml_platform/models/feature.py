"""A feature definition and its immutable versions."""

from typing import Any

from beanie import PydanticObjectId
from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import DataInterval, FeatureTransformation


class Feature(OwnedDocument):
    """The named definition a user edits; every distinct definition is frozen as a ``FeatureVersion``."""

    name: str
    description: str = ""
    entity: str = "symbol"
    interval: DataInterval
    transformation: FeatureTransformation
    params: dict[str, int] = Field(default_factory=dict)
    current_version: int = 1

    class Settings:
        name = "features"
        indexes = [IndexModel([("owner_id", ASCENDING), ("name", ASCENDING)], unique=True)]


class FeatureVersion(OwnedDocument):
    """One immutable definition of a feature, identified by the hash of what it computes."""

    feature_id: PydanticObjectId
    feature_name: str
    version: int
    interval: DataInterval
    transformation: FeatureTransformation
    params: dict[str, int] = Field(default_factory=dict)
    params_hash: str
    description: str = ""
    materialized: dict[str, Any] = Field(default_factory=dict, description="symbol -> {rows, first, last}.")
    stale: dict[str, Any] = Field(
        default_factory=dict,
        description="symbol -> {from, event_id}: new bars ingested (MarketDataIngested), values to refresh.",
    )

    class Settings:
        name = "feature_versions"
        indexes = [
            IndexModel([("feature_id", ASCENDING), ("version", ASCENDING)], unique=True),
            IndexModel([("owner_id", ASCENDING), ("feature_name", ASCENDING)]),
        ]
