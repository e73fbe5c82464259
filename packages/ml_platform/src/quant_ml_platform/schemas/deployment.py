"""Deployments, predictions and ML signals."""

from datetime import datetime

from pydantic import Field, model_validator

from quant_ml_platform.schemas.common import Symbol
from quant_shared.enums import DeploymentEnvironment, DeploymentMode, DeploymentStatus, SignalType
from quant_shared.schema import BaseSchema


class DeploymentIn(BaseSchema):
    version: int = Field(ge=1)
    environment: DeploymentEnvironment = DeploymentEnvironment.PRODUCTION
    mode: DeploymentMode = Field(
        default=DeploymentMode.ACTIVE,
        description="active: the primary; canary: answers `traffic_percent` of requests; shadow: logged.",
    )
    traffic_percent: float = Field(default=10.0, gt=0, lt=100, description="Canary share of requests.")


class DeploymentOut(BaseSchema):
    id: str
    model_name: str
    version: int
    environment: DeploymentEnvironment
    status: DeploymentStatus
    traffic_percent: float
    created_at: datetime
    updated_at: datetime


class PredictIn(BaseSchema):
    symbol: Symbol | None = None
    timestamp: datetime | None = Field(
        default=None, description="Features as known at this time (else latest)."
    )
    features: dict[str, float] | None = Field(default=None, description="Feature values given directly.")
    environment: DeploymentEnvironment = DeploymentEnvironment.PRODUCTION
    routing_key: str | None = Field(
        default=None, max_length=100, description="Stable key for canary routing."
    )

    @model_validator(mode="after")
    def _source(self) -> "PredictIn":
        if (self.symbol is None) == (self.features is None):
            raise ValueError("give either symbol (with an optional timestamp) or features")
        return self


class PredictOut(BaseSchema):
    model: str
    version: int
    deployment_id: str
    prediction_id: str
    prediction: float = Field(description="Probability of an up move, or the predicted next return.")
    signal: SignalType
    confidence: float
    symbol: str | None
    as_of: datetime | None
    features: dict[str, float]


class SignalItem(BaseSchema):
    timestamp: datetime
    signal: SignalType
    confidence: float
    prediction: float


class SignalsOut(BaseSchema):
    model: str
    version: int
    symbol: str
    items: list[SignalItem]


class PredictionLogOut(BaseSchema):
    id: str
    deployment_id: str
    model_name: str
    version: int
    symbol: str | None
    as_of: datetime | None
    features: dict[str, float]
    prediction: float
    signal: SignalType
    served: bool
    actual_return: float | None
    correct: bool | None
    created_at: datetime
