"""Strategy template API models."""

from datetime import datetime
from typing import Any

from pydantic import Field

from quant_shared.enums import StrategyType
from quant_shared.schema import BaseSchema
from quant_trading.models import ParameterRange, StrategyTemplate


class TemplateCreate(BaseSchema):
    name: str = Field(min_length=1, max_length=120)
    description: str | None = Field(default=None, max_length=2000)
    strategy_type: StrategyType
    defaults: dict[str, Any] = Field(default_factory=dict)
    parameter_ranges: dict[str, ParameterRange] = Field(default_factory=dict)
    constraints: list[str] = Field(default_factory=list, max_length=10)
    spec: dict[str, Any] | None = None


class TemplateOut(BaseSchema):
    id: str
    name: str
    description: str | None = None
    strategy_type: StrategyType
    builtin: bool
    key: str | None = None
    defaults: dict[str, Any]
    parameter_ranges: dict[str, ParameterRange]
    constraints: list[str] = Field(default_factory=list, max_length=10)
    spec: dict[str, Any] | None = None
    created_at: datetime

    @classmethod
    def of(cls, t: StrategyTemplate) -> "TemplateOut":
        return cls(
            id=str(t.id),
            **t.model_dump(exclude={"id", "revision_id", "owner_id", "updated_at"}),
        )
