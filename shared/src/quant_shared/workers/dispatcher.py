"""Dispatch tasks named ``'module:function'`` with JSON arguments: in-process or to worker processes."""

import logging
import os
import socket
from typing import Any

from fastapi import FastAPI
from nats.aio.client import Client
from nats.js import JetStreamContext

from quant_shared.enums import TaskStatus
from quant_shared.errors import ServiceUnavailableError
from quant_shared.events.nats_streams import connect
from quant_shared.tasks import Task, TaskContext
from quant_shared.timeutil import utcnow
from quant_shared.workers.execute import JobContext, resolve, run_job, run_on_failure
from quant_shared.workers.message import TaskMessage
from quant_shared.workers.queue import QUEUE_WORKER_PREFIX, ensure_queue
from quant_shared.workers.settings import WorkerSettings

log = logging.getLogger("quant.workers")


class TaskDispatcher:
    """``await app.state.task_dispatcher.dispatch(kind=..., domain=..., owner_id=..., fn="pkg.mod:fn",
    args={...})`` gives the ``Task`` to answer ``202`` with; where it runs is configuration."""

    distributed = False  # True when tasks run on other processes (a task may then fan out to helpers)

    async def dispatch(
        self,
        *,
        kind: str,
        domain: str,
        owner_id: str,
        fn: str,
        args: dict[str, Any] | None = None,
        result_ref: dict[str, str] | None = None,
        queue: str | None = None,
        on_failure: str | None = None,
    ) -> Task:
        raise NotImplementedError

    async def close(self) -> None:
        """Release connections."""


class LocalDispatcher(TaskDispatcher):
    """The embedded default: the app's in-process ``TaskRunner`` runs the function."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    async def dispatch(
        self, *, kind, domain, owner_id, fn, args=None, result_ref=None, queue=None, on_failure=None
    ) -> Task:
        message = TaskMessage(task_id="local", fn=fn, args=args or {}, on_failure=on_failure)
        resolve(message.fn)  # an unknown function fails here, not later in the task

        async def body(ctx: TaskContext) -> dict[str, Any] | None:
            return await run_job(JobContext(ctx.task, self.app), message.fn, message.args)

        async def failed(task: Task, reason: str) -> None:
            await run_on_failure(JobContext(task, self.app), message.on_failure, reason, message.args)

        runner = self.app.state.task_runner
        return await runner.submit(
            kind=kind, domain=domain, owner_id=owner_id, fn=body, result_ref=result_ref, on_failure=failed
        )


class NatsDispatcher(TaskDispatcher):
    """Queues the task on JetStream for ``python -m quant_shared.workers`` processes."""

    distributed = True

    def __init__(self, settings: WorkerSettings) -> None:
        self.settings = settings
        self._nc: Client | None = None
        self._js: JetStreamContext | None = None
        self._queues: set[str] = set()

    async def _queue(self, queue: str) -> JetStreamContext:
        if self._js is None:
            self._nc = await connect(
                self.settings.nats_url, f"quant-dispatch@{socket.gethostname()}:{os.getpid()}"
            )
            self._js = self._nc.jetstream(timeout=self.settings.publish_timeout_seconds)
        if queue not in self._queues:
            await ensure_queue(self._js, self.settings, queue, consumer=False)
            self._queues.add(queue)
        return self._js

    async def dispatch(
        self, *, kind, domain, owner_id, fn, args=None, result_ref=None, queue=None, on_failure=None
    ) -> Task:
        queue = queue or self.settings.queue
        message = TaskMessage(
            task_id="pending",
            fn=fn,
            args=args or {},
            max_attempts=self.settings.max_attempts,
            on_failure=on_failure,
        )
        task = Task(
            kind=kind,
            domain=domain,
            owner_id=owner_id,
            result_ref=result_ref,
            worker=QUEUE_WORKER_PREFIX + queue,
        )
        await task.insert()
        message.task_id = str(task.id)
        try:
            js = await self._queue(queue)
            await js.publish(
                self.settings.subject(queue),
                message.model_dump_json().encode(),
                headers={"Nats-Msg-Id": message.task_id},
                timeout=self.settings.publish_timeout_seconds,
            )
        except Exception as exc:
            reason = f"could not queue the task: the broker is unavailable ({exc or type(exc).__name__})"
            await Task.find_one(Task.id == task.id).update(
                {"$set": {"status": TaskStatus.FAILED, "error": reason, "finished_at": utcnow()}}
            )
            raise ServiceUnavailableError(reason) from exc
        return task

    async def close(self) -> None:
        if self._nc is not None:
            await self._nc.close()
        self._nc = self._js = None
