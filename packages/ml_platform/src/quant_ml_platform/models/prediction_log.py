"""Every prediction a deployment made, with its outcome once known (for A/B tests and drift)."""

from datetime import datetime

from beanie import PydanticObjectId
from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import SignalType


class PredictionLog(OwnedDocument):
    deployment_id: PydanticObjectId
    model_name: str
    version: int
    symbol: str | None = None
    as_of: datetime | None = Field(default=None, description="Bar timestamp the features belong to.")
    features: dict[str, float]
    prediction: float
    signal: SignalType
    served: bool = Field(description="False for shadow predictions (logged, not answered).")
    actual_return: float | None = None
    correct: bool | None = None

    class Settings:
        name = "prediction_logs"
        indexes = [
            IndexModel([("deployment_id", ASCENDING), ("created_at", ASCENDING)]),
            IndexModel([("owner_id", ASCENDING), ("model_name", ASCENDING)]),
        ]
