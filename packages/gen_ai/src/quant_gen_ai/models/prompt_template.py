"""A governed prompt: immutable versions, review records and labels (``production`` ...)."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import BaseDocument
from quant_shared.enums import PromptStatus, ReviewDecision
from quant_shared.timeutil import utcnow

SYSTEM_OWNER = "system"


class ReviewRecord(BaseModel):
    reviewer_id: str
    decision: ReviewDecision
    comment: str = ""
    at: datetime = Field(default_factory=utcnow)


class StatusChange(BaseModel):
    status: PromptStatus
    by: str
    at: datetime = Field(default_factory=utcnow)


class PromptVersion(BaseModel):
    """One version; its text and schema never change after creation, only its status moves."""

    version: int
    system: str = ""
    template: str
    variables_schema: dict[str, Any]
    changelog: str = ""
    author_id: str
    created_at: datetime = Field(default_factory=utcnow)
    status: PromptStatus = PromptStatus.DRAFT
    reviews: list[ReviewRecord] = Field(default_factory=list)
    history: list[StatusChange] = Field(default_factory=list)


class PromptTemplate(BaseDocument):
    name: str
    description: str = ""
    owner_id: str = Field(description=f"Owning user id, or '{SYSTEM_OWNER}' for built-in prompts.")
    versions: list[PromptVersion] = Field(default_factory=list)
    labels: dict[str, int] = Field(default_factory=dict, description="Label -> version number.")

    def get_version(self, number: int) -> PromptVersion | None:
        return next((v for v in self.versions if v.version == number), None)

    class Settings:
        name = "prompt_templates"
        use_state_management = False
        indexes = [IndexModel([("name", ASCENDING)], unique=True, name="prompt_name_unique")]
