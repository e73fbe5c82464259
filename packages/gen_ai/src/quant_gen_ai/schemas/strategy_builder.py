"""Strategy Builder API models."""

from datetime import date, datetime
from typing import Any

from pydantic import Field, model_validator

from quant_shared.enums import DataInterval, LLMProviderKind
from quant_shared.schema import BaseSchema


class QuickBacktest(BaseSchema):
    symbols: list[str] = Field(min_length=1, max_length=20)
    interval: DataInterval = DataInterval.D1
    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> "QuickBacktest":
        if self.start >= self.end:
            raise ValueError("start must be before end")
        return self


class StrategyParseRequest(BaseSchema):
    text: str = Field(min_length=3, max_length=2000, description="e.g. 'buy when the 20-day SMA crosses ...'")


class StrategyBuildRequest(StrategyParseRequest):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    create_in_trading: bool = Field(default=False, description="Also create the strategy in trading.")
    backtest: QuickBacktest | None = Field(default=None, description="Also start a backtest (creates it).")


class StrategyPreview(BaseSchema):
    spec: dict[str, Any]
    rendering: str


class StrategyCodeOut(BaseSchema):
    id: str
    name: str
    request_text: str
    spec: dict[str, Any]
    rendering: str
    provider: LLMProviderKind
    model: str
    prompt_name: str
    prompt_version: int
    trading_strategy_id: str | None
    backtest: dict[str, Any] | None
    backtest_error: str | None
    created_at: datetime

    @classmethod
    def of(cls, code) -> "StrategyCodeOut":
        data = {k: getattr(code, k) for k in cls.model_fields if k != "id"}
        return cls(**data, id=str(code.id))
