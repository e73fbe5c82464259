"""``Strategy``: a user's configured strategy (type + validated parameters, or a rule spec)."""

from typing import Any

from pydantic import Field, field_validator
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import StrategyType


class Strategy(OwnedDocument):
    name: str
    description: str | None = None
    strategy_type: StrategyType
    parameters: dict[str, Any] = Field(default_factory=dict)
    spec: dict[str, Any] | None = Field(default=None, description="Shared JSON strategy spec (rule-based).")
    ml_model: str | None = Field(default=None, description="ML platform model name (ML signal strategies).")
    template_id: str | None = None
    tags: list[str] = Field(default_factory=list)
    experiment_ids: list[str] = Field(
        default_factory=list, description="ML experiments serving this strategy (kept by ML platform events)."
    )

    @field_validator("name", "tags", mode="before")
    @classmethod
    def _stored_null(cls, value: Any, info) -> Any:
        """A null stored by an older update reads as empty, so the strategy stays readable and deletable."""
        if value is None:
            return "" if info.field_name == "name" else []
        return value

    class Settings:
        name = "strategies"
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("created_at", DESCENDING)]),
            IndexModel([("owner_id", ASCENDING), ("name", ASCENDING)]),
        ]
