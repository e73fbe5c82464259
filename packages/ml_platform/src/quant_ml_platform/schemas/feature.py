"""Feature definitions, versions and values."""

from datetime import datetime
from typing import Any

from pydantic import Field, model_validator

from quant_ml_platform.schemas.common import FeatureName, FeatureRef, Symbol
from quant_shared.enums import DataInterval, FeatureTransformation
from quant_shared.schema import BaseSchema


class FeatureIn(BaseSchema):
    name: FeatureName
    description: str = Field(default="", max_length=500)
    interval: DataInterval = DataInterval.D1
    transformation: FeatureTransformation
    params: dict[str, Any] = Field(default_factory=dict, description="Parameters of the transformation.")


class FeatureUpdate(BaseSchema):
    description: str | None = Field(default=None, max_length=500)
    interval: DataInterval | None = None
    transformation: FeatureTransformation | None = None
    params: dict[str, Any] | None = None


class FeatureOut(BaseSchema):
    id: str
    name: str
    description: str
    entity: str
    interval: DataInterval
    transformation: FeatureTransformation
    params: dict[str, int]
    current_version: int
    created_at: datetime
    updated_at: datetime


class FeatureVersionOut(BaseSchema):
    id: str
    feature_name: str
    version: int
    interval: DataInterval
    transformation: FeatureTransformation
    params: dict[str, int]
    params_hash: str
    description: str
    materialized: dict[str, Any]
    created_at: datetime


class MaterializeIn(BaseSchema):
    features: list[FeatureRef] = Field(min_length=1, max_length=50)
    symbols: list[Symbol] = Field(min_length=1, max_length=50)
    start: datetime | None = None
    end: datetime | None = None

    @model_validator(mode="after")
    def _window(self) -> "MaterializeIn":
        if self.start and self.end and self.start >= self.end:
            raise ValueError("start must be before end")
        return self


class PointInTimeIn(BaseSchema):
    features: list[FeatureRef] = Field(min_length=1, max_length=50)
    symbol: Symbol
    timestamps: list[datetime] = Field(min_length=1, max_length=5000)


class FeatureRow(BaseSchema):
    as_of: datetime
    values: dict[str, float | None]
    observed_at: dict[str, datetime | None] = Field(description="Bar timestamp each value was computed at.")


class FeatureRows(BaseSchema):
    symbol: str
    features: list[str]
    rows: list[FeatureRow]


class LatestValues(BaseSchema):
    symbol: str
    values: dict[str, float | None]
    timestamps: dict[str, datetime | None]
