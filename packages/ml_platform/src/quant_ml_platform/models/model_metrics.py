"""Metrics recorded for a model version, from training or from a later evaluation."""

from typing import Any

from beanie import PydanticObjectId
from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument


class ModelMetrics(OwnedDocument):
    model_version_id: PydanticObjectId
    model_name: str
    version: int
    source: str = Field(description="'walk_forward' (training) or 'benchmark:<id>'.")
    metrics: dict[str, Any] = Field(default_factory=dict)

    class Settings:
        name = "model_metrics"
        indexes = [IndexModel([("model_version_id", ASCENDING)])]
