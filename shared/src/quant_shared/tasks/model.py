"""The ``Task`` document: long-running work behind ``202 Accepted``."""

from datetime import datetime
from typing import Any

from pydantic import Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import TaskStatus
from quant_shared.schema import BaseSchema

TASKS_DOMAIN = "system"


class Task(OwnedDocument):
    kind: str = Field(description="What the task does, e.g. 'backtest' or 'ingest'.")
    domain: str = Field(description="Domain that runs the task.")
    status: TaskStatus = TaskStatus.PENDING
    progress: float = Field(default=0.0, ge=0.0, le=1.0)
    message: str | None = None
    result_ref: dict[str, str] | None = Field(default=None, description="Where the result lives.")
    result: dict[str, Any] | None = None
    error: str | None = None
    cancel_requested: bool = False
    worker: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None

    class Settings:
        name = "tasks"
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("created_at", DESCENDING)]),
            IndexModel([("status", ASCENDING)]),
        ]


class TaskOut(BaseSchema):
    id: str
    kind: str
    domain: str
    owner_id: str
    status: TaskStatus
    progress: float
    message: str | None = None
    result_ref: dict[str, str] | None = None
    result: dict[str, Any] | None = None
    error: str | None = None
    cancel_requested: bool = False
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None

    @classmethod
    def of(cls, task: Task) -> "TaskOut":
        return cls(id=str(task.id), **task.model_dump(exclude={"id", "revision_id", "updated_at", "worker"}))


class TaskAccepted(BaseSchema):
    """Body of a ``202 Accepted`` answer: where to follow the work."""

    task_id: str
    status_url: str
    resource_id: str | None = None
