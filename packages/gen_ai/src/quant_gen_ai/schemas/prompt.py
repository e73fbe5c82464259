"""Prompt-governance API models."""

from datetime import datetime
from typing import Any

from pydantic import Field

from quant_gen_ai.models.prompt_template import PromptVersion
from quant_shared.enums import ReviewDecision
from quant_shared.schema import BaseSchema

NAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{1,79}$"


class PromptVersionCreate(BaseSchema):
    system: str = Field(default="", max_length=20000, description="System message (Jinja2 template).")
    template: str = Field(min_length=1, max_length=20000, description="User message (Jinja2 template).")
    variables_schema: dict[str, Any] = Field(description="JSON schema (type object) of the variables.")
    changelog: str = Field(default="", max_length=2000)


class PromptCreate(PromptVersionCreate):
    name: str = Field(pattern=NAME_PATTERN, description="Unique name, e.g. 'narrative.backtest'.")
    description: str = Field(default="", max_length=2000)


class ReviewCreate(BaseSchema):
    decision: ReviewDecision
    comment: str = Field(default="", max_length=2000)


class LabelMove(BaseSchema):
    version: int = Field(ge=1, description="Approved version that should carry the label.")


class RenderRequest(BaseSchema):
    variables: dict[str, Any] = Field(default_factory=dict)
    version: int | None = Field(default=None, ge=1, description="Explicit version; default: the label.")
    label: str = Field(default="production", description="Label to resolve when no version is given.")
    purpose: str = Field(min_length=1, max_length=200, description="Why the prompt is rendered (audit).")


class RenderedPrompt(BaseSchema):
    prompt_name: str
    version: int
    system: str
    text: str


class PromptOut(BaseSchema):
    id: str
    name: str
    description: str
    owner_id: str
    labels: dict[str, int]
    versions: list[PromptVersion]
    created_at: datetime
    updated_at: datetime


class PromptDiff(BaseSchema):
    prompt_name: str
    from_version: int
    to_version: int
    diff: list[str] = Field(description="Unified diff lines (system message, template and schema).")


class RenderingOut(BaseSchema):
    prompt_name: str
    version: int
    label: str | None
    caller_id: str
    purpose: str
    variable_names: list[str]
    created_at: datetime
