"""In-process task runner: runs coroutines, records status/progress, honors cancellation."""

import asyncio
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from typing import Any

from quant_shared.enums import TaskStatus
from quant_shared.tasks.model import Task
from quant_shared.timeutil import utcnow

log = logging.getLogger("quant.tasks")


class TaskCancelled(Exception):
    """Raised inside a task when its owner asked for cancellation."""


class TaskContext:
    def __init__(self, task: Task) -> None:
        self.task = task

    async def progress(self, fraction: float, message: str | None = None) -> None:
        """Record progress; raises ``TaskCancelled`` if cancellation was requested meanwhile."""
        fresh = await Task.get(self.task.id)
        if fresh is not None and fresh.cancel_requested:
            raise TaskCancelled()
        self.task.progress = max(0.0, min(1.0, fraction))
        self.task.message = message
        await Task.find_one(Task.id == self.task.id).update(
            {"$set": {"progress": self.task.progress, "message": message, "updated_at": utcnow()}}
        )


TaskFn = Callable[[TaskContext], Awaitable[dict[str, Any] | None]]
OnFailure = Callable[[Task, str], Awaitable[None]]


class TaskRunner:
    """Default executor: tasks run as asyncio tasks in this process."""

    def __init__(self) -> None:
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        self._running: dict[str, asyncio.Task] = {}

    async def submit(
        self,
        *,
        kind: str,
        domain: str,
        owner_id: str,
        fn: TaskFn,
        result_ref: dict[str, str] | None = None,
        on_failure: OnFailure | None = None,
    ) -> Task:
        task = Task(kind=kind, domain=domain, owner_id=owner_id, result_ref=result_ref, worker=self.worker_id)
        await task.insert()
        handle = asyncio.create_task(self._run(task, fn, on_failure), name=f"task-{task.id}")
        self._running[str(task.id)] = handle
        handle.add_done_callback(lambda _: self._running.pop(str(task.id), None))
        return task

    async def _finish(self, task: Task, status: TaskStatus, **fields: Any) -> None:
        update = {"status": status, "finished_at": utcnow(), "updated_at": utcnow(), **fields}
        if status == TaskStatus.COMPLETED:
            update["progress"] = 1.0
        await Task.find_one(Task.id == task.id).update({"$set": update})

    async def _run(self, task: Task, fn: TaskFn, on_failure: OnFailure | None) -> None:
        await Task.find_one(Task.id == task.id).update(
            {"$set": {"status": TaskStatus.RUNNING, "started_at": utcnow()}}
        )
        try:
            result = await fn(TaskContext(task))
        except TaskCancelled:
            await self._finish(task, TaskStatus.CANCELLED, message="cancelled by request")
            if on_failure:
                await on_failure(task, "cancelled")
        except asyncio.CancelledError:
            await asyncio.shield(
                self._finish(task, TaskStatus.FAILED, error="interrupted: service shutting down")
            )
            raise
        except Exception as exc:  # the task's error is recorded for the user, never lost
            log.exception("task %s (%s) failed", task.id, task.kind)
            reason = str(exc) or type(exc).__name__
            await self._finish(task, TaskStatus.FAILED, error=reason)
            if on_failure:
                await on_failure(task, reason)
        else:
            await self._finish(task, TaskStatus.COMPLETED, result=result)

    async def wait(self, task_id: str, timeout: float = 60.0) -> None:
        handle = self._running.get(task_id)
        if handle is not None:
            await asyncio.wait_for(asyncio.shield(handle), timeout)

    async def recover(self, domains: list[str]) -> int:
        """Tasks of these domains left pending/running by a stopped process are marked failed."""
        stale = Task.find(
            {
                "status": {"$in": [TaskStatus.PENDING, TaskStatus.RUNNING]},
                "domain": {"$in": domains},
                "worker": {"$ne": self.worker_id},
            }
        )
        count = 0
        async for task in stale:
            await self._finish(task, TaskStatus.FAILED, error="interrupted: the process running it stopped")
            count += 1
        return count

    async def shutdown(self) -> None:
        handles = list(self._running.values())
        for handle in handles:
            handle.cancel()
        if handles:
            await asyncio.gather(*handles, return_exceptions=True)
