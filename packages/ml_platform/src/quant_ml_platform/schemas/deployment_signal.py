"""Signals started by a deployment, per symbol."""

from datetime import datetime

from quant_ml_platform.schemas.deployment import SignalItem
from quant_shared.enums import DataInterval, SignalType
from quant_shared.schema import BaseSchema


class DeploymentSignalOut(BaseSchema):
    deployment_id: str
    model_name: str
    version: int
    symbol: str
    interval: DataInterval
    latest: SignalType | None = None
    latest_at: datetime | None = None
    items: list[SignalItem]
    error: str | None = None
    updated_at: datetime

    @classmethod
    def of(cls, doc) -> "DeploymentSignalOut":
        data = doc.model_dump(include=set(cls.model_fields) - {"deployment_id"})
        return cls(deployment_id=str(doc.deployment_id), **data)
