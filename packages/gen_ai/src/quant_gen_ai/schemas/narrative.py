"""Narratives API models."""

from datetime import datetime
from typing import Any

from pydantic import Field

from quant_gen_ai.llm.types import Usage
from quant_shared.enums import LLMProviderKind, NarrativeStatus
from quant_shared.errors import ValidationProblem
from quant_shared.schema import BaseSchema

ID_PATTERN = r"^[A-Za-z0-9_-]+$"


class NarrativeCreate(BaseSchema):
    """Exactly one of ``backtest_id`` (a backtest report) and ``paper_run_id`` (a paper run's drift from
    a backtest of its strategy over the same period)."""

    backtest_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=64,
        pattern=ID_PATTERN,
        description="A completed backtest of yours.",
    )
    paper_run_id: str | None = Field(
        default=None, min_length=1, max_length=64, pattern=ID_PATTERN, description="A paper run of yours."
    )

    def check_one_source(self) -> None:
        """422 naming both fields unless exactly one is given."""
        given = [k for k in ("backtest_id", "paper_run_id") if getattr(self, k) is not None]
        if len(given) == 1:
            return
        message = (
            "give either backtest_id or paper_run_id, not both"
            if given
            else "give backtest_id or paper_run_id"
        )
        errors = [{"field": f"body.{k}", "message": message} for k in ("backtest_id", "paper_run_id")]
        raise ValidationProblem(f"body.backtest_id, body.paper_run_id: {message}", errors=errors)


class NarrativeOut(BaseSchema):
    id: str
    backtest_id: str | None
    paper_run_id: str | None
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
