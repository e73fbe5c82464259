"""Narratives API models."""

from datetime import datetime
from typing import Any

from pydantic import Field

from quant_gen_ai.llm.types import Usage
from quant_shared.enums import LLMProviderKind, NarrativeStatus
from quant_shared.schema import BaseSchema


class NarrativeCreate(BaseSchema):
    backtest_id: str = Field(
        min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="A completed backtest of yours."
    )


class NarrativeOut(BaseSchema):
    id: str
    backtest_id: str
    status: NarrativeStatus
    requested_by: str
    guard_passed: bool | None
    guard_violations: list[dict[str, Any]]
    text: str | None = Field(description="Only when the number guard passed; otherwise null (not fact).")
    unverified_text: str | None = Field(description="The text that failed the number guard, for review.")
    facts: dict[str, Any]
    provider: LLMProviderKind | None
    model: str | None
    prompt_name: str | None
    prompt_version: int | None
    usage: Usage | None
    error: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, report) -> "NarrativeOut":
        passed = report.guard_passed is True
        data = {k: getattr(report, k) for k in cls.model_fields if k not in ("id", "text", "unverified_text")}
        return cls(
            **data,
            id=str(report.id),
            text=report.text if passed else None,
            unverified_text=None if passed else report.text,
        )
