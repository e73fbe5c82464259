"""``StrategyTemplate``: a starting point for strategies (built-in library or a user's own)."""

from typing import Any

from pydantic import BaseModel, Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import BaseDocument
from quant_shared.enums import StrategyType


class ParameterRange(BaseModel):
    """Search range and default of one numeric parameter (also what optimization explores)."""

    low: float
    high: float
    step: float | None = None
    default: float | int | None = None
    integer: bool = True


class StrategyTemplate(BaseDocument):
    owner_id: str | None = Field(default=None, description="None for the built-in library.")
    builtin: bool = False
    key: str | None = Field(default=None, description="Stable key of a built-in template.")
    name: str
    description: str | None = None
    strategy_type: StrategyType
    defaults: dict[str, Any] = Field(default_factory=dict)
    parameter_ranges: dict[str, ParameterRange] = Field(default_factory=dict)
    constraints: list[str] = Field(default_factory=list, description="e.g. 'fast < slow'.")
    spec: dict[str, Any] | None = None

    class Settings:
        name = "strategy_templates"
        indexes = [IndexModel([("owner_id", ASCENDING)]), IndexModel([("key", ASCENDING)])]
