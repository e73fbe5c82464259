"""Signals a deployment started on one symbol (written by the ``ModelDeployed`` reaction)."""

from datetime import datetime
from typing import Any

from beanie import PydanticObjectId
from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import DataInterval, SignalType


class DeploymentSignal(OwnedDocument):
    deployment_id: PydanticObjectId
    model_name: str
    version: int
    symbol: str
    interval: DataInterval
    latest: SignalType | None = Field(default=None, description="Signal of the newest bar with features.")
    latest_at: datetime | None = Field(default=None, description="When the latest signal became known.")
    items: list[dict[str, Any]] = Field(default_factory=list, description="Newest signals, oldest first.")
    error: str | None = Field(default=None, description="Why no signal could be computed (e.g. no features).")
    event_id: str

    class Settings:
        name = "deployment_signals"
        indexes = [IndexModel([("deployment_id", ASCENDING), ("symbol", ASCENDING)], unique=True)]
