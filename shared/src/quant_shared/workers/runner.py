"""The in-process ``TaskRunner``, made aware of tasks that live on the distributed queue."""

from typing import ClassVar

from quant_shared.enums import TaskStatus
from quant_shared.tasks import Task, TaskRunner
from quant_shared.timeutil import utcnow
from quant_shared.workers.queue import NATS_WORKER_PREFIX, QUEUE_WORKER_PREFIX


def on_queue(task: Task) -> bool:
    return (task.worker or "").startswith((QUEUE_WORKER_PREFIX, NATS_WORKER_PREFIX))


class QueueAwareTaskRunner(TaskRunner):
    """Recovery at start-up leaves queued/worker tasks alone: the broker redelivers those.

    A worker process turns recovery off (``recovers = False``): the in-process tasks of the API
    processes are not its to judge.
    """

    recovers: ClassVar[bool] = True

    async def recover(self, domains: list[str]) -> int:
        if not self.recovers:
            return 0
        stale = Task.find(
            {
                "status": {"$in": [TaskStatus.PENDING, TaskStatus.RUNNING]},
                "domain": {"$in": domains},
                "worker": {"$ne": self.worker_id},
            }
        )
        count = 0
        async for task in stale:
            if on_queue(task):
                continue
            await Task.find_one(Task.id == task.id).update(
                {
                    "$set": {
                        "status": TaskStatus.FAILED,
                        "error": "interrupted: the process running it stopped",
                        "finished_at": utcnow(),
                        "updated_at": utcnow(),
                    }
                }
            )
            count += 1
        return count
