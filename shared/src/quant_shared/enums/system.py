"""Cross-cutting enums: roles, tasks, events."""

from enum import StrEnum


class Role(StrEnum):
    USER = "user"
    ADMIN = "admin"


class TaskStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in (TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.CANCELLED)


class HealthStatus(StrEnum):
    OK = "ok"
    DEGRADED = "degraded"
    DOWN = "down"


class SortOrder(StrEnum):
    ASC = "asc"
    DESC = "desc"


__all__ = ["Role", "TaskStatus", "HealthStatus", "SortOrder"]
