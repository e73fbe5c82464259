"""Long-running work: the Task document, the in-process runner and the /tasks router."""

from quant_shared.tasks.model import TASKS_DOMAIN, Task, TaskAccepted, TaskOut
from quant_shared.tasks.router import router
from quant_shared.tasks.runner import TaskCancelled, TaskContext, TaskFn, TaskRunner

__all__ = [
    "TASKS_DOMAIN",
    "Task",
    "TaskAccepted",
    "TaskCancelled",
    "TaskContext",
    "TaskFn",
    "TaskOut",
    "TaskRunner",
    "router",
]
