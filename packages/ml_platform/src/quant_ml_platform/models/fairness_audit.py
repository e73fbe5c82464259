"""Performance parity of a model version across market groups (sectors, caps, regimes)."""

from datetime import datetime
from typing import Any

from beanie import PydanticObjectId

from quant_shared.document import OwnedDocument
from quant_shared.enums import FairnessGrouping


class FairnessAudit(OwnedDocument):
    model_name: str
    version: int
    model_version_id: PydanticObjectId
    grouping: FairnessGrouping
    start: datetime | None = None
    end: datetime | None = None
    threshold: float
    groups: dict[str, dict[str, Any]]
    disparities: dict[str, float]
    passed: bool

    class Settings:
        name = "fairness_audits"
