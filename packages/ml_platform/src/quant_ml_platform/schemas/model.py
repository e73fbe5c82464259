"""Registered models, versions, aliases and lineage."""

from datetime import datetime
from typing import Any

from beanie import PydanticObjectId
from pydantic import Field

from quant_ml_platform.schemas.experiment import ExperimentOut
from quant_ml_platform.schemas.feature import FeatureVersionOut
from quant_shared.enums import DataInterval, ModelAlgorithm, ModelStatus, PredictionTarget
from quant_shared.schema import BaseSchema


class RegisterVersionIn(BaseSchema):
    experiment_id: PydanticObjectId
    description: str = Field(default="", max_length=500)


class StatusIn(BaseSchema):
    status: ModelStatus


class AliasIn(BaseSchema):
    version: int = Field(ge=1)


class ModelOut(BaseSchema):
    id: str
    owner_id: str
    name: str
    description: str
    status: ModelStatus
    latest_version: int
    aliases: dict[str, int]
    created_at: datetime
    updated_at: datetime


class ModelVersionOut(BaseSchema):
    id: str
    model_name: str
    version: int
    status: ModelStatus
    description: str
    experiment_id: str
    artifact_id: str
    algorithm: ModelAlgorithm
    target: PredictionTarget
    interval: DataInterval
    feature_refs: list[str]
    feature_version_ids: list[str]
    metrics: dict[str, Any]
    created_at: datetime


class LineageOut(BaseSchema):
    version: ModelVersionOut
    experiment: ExperimentOut
    features: list[FeatureVersionOut]


class ModelMetricsOut(BaseSchema):
    source: str
    metrics: dict[str, Any]
    created_at: datetime
