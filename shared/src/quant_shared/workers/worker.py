"""A worker process's loop: pull tasks from the queue, run them, record the outcome, ack.

Crash safety: while a task runs the worker sends in-progress acks; a worker killed with SIGKILL stops
sending them, JetStream redelivers the task after ``ack_wait`` to another worker, which runs it
again from the start. After ``max_attempts`` deliveries the task is marked failed with the reason.
"""

import asyncio
import logging
import os
import socket
from typing import Any

import nats.errors
from fastapi import FastAPI
from nats.aio.msg import Msg

from quant_shared.enums import TaskStatus
from quant_shared.events.keepalive import keep_alive
from quant_shared.events.nats_streams import connect
from quant_shared.tasks import Task, TaskCancelled
from quant_shared.timeutil import utcnow
from quant_shared.workers.execute import JobContext, run_job, run_on_failure
from quant_shared.workers.message import TaskMessage
from quant_shared.workers.queue import NATS_WORKER_PREFIX, ensure_queue
from quant_shared.workers.settings import WorkerSettings

log = logging.getLogger("quant.workers")


async def finish(task_id: Any, status: TaskStatus, **fields: Any) -> None:
    update = {"status": status, "finished_at": utcnow(), "updated_at": utcnow(), **fields}
    if status == TaskStatus.COMPLETED:
        update["progress"] = 1.0
    await Task.find_one(Task.id == task_id).update({"$set": update})


class Worker:
    def __init__(
        self, settings: WorkerSettings, app: FastAPI | None = None, worker_id: str | None = None
    ) -> None:
        self.settings = settings
        self.app = app
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
        self.ready = asyncio.Event()
        self.completed = 0
        self.nc = None  # the broker connection, once serving

    async def run(self, stop: asyncio.Event) -> None:
        """Serve the queue until ``stop`` is set; running tasks finish first."""
        s = self.settings
        nc = self.nc = await self._connect(stop)
        if nc is None:
            return
        js = nc.jetstream(timeout=s.publish_timeout_seconds)
        await ensure_queue(js, s)
        sub = await js.pull_subscribe_bind(s.durable(), s.stream)
        slots = asyncio.Semaphore(s.concurrency)
        running: set[asyncio.Task] = set()
        self.ready.set()
        log.info("worker %s serving %s (concurrency %d)", self.worker_id, s.subject(), s.concurrency)
        try:
            while not stop.is_set():
                await slots.acquire()
                try:
                    [msg] = await sub.fetch(batch=1, timeout=1.0)
                except (TimeoutError, nats.errors.TimeoutError):
                    slots.release()
                    continue
                except Exception as exc:  # broker away: the connection reconnects by itself
                    slots.release()
                    log.warning("worker fetch failed: %s", exc)
                    await asyncio.sleep(0.5)
                    continue
                job = asyncio.create_task(self._handle(msg))
                running.add(job)
                job.add_done_callback(lambda t: (running.discard(t), slots.release()))
        finally:
            if running:
                await asyncio.gather(*running, return_exceptions=True)
            await nc.close()

    async def _connect(self, stop: asyncio.Event):
        delay = 0.5
        while not stop.is_set():
            try:
                return await connect(self.settings.nats_url, f"quant-worker@{self.worker_id}")
            except Exception as exc:  # broker not there yet: wait for it
                log.warning("worker waiting for the broker at %s: %s", self.settings.nats_url, exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)
        return None

    async def _handle(self, msg: Msg) -> None:
        try:
            await self._run(msg)
        except Exception:  # the task stays unacked and is redelivered
            log.exception("worker %s could not process a task message", self.worker_id)

    async def _run(self, msg: Msg) -> None:
        message = TaskMessage.model_validate_json(msg.data)
        attempt = msg.metadata.num_delivered
        task = await Task.get(message.task_id)
        if task is None or task.status.is_final:
            await msg.ack()
            return
        ctx = JobContext(task, self.app, attempt)
        if task.cancel_requested:
            await finish(task.id, TaskStatus.CANCELLED, message="cancelled by request")
            await run_on_failure(ctx, message.on_failure, "cancelled", message.args)
            await msg.ack()
            return
        if attempt > message.max_attempts:
            reason = f"gave up after {attempt - 1} attempts: the worker running it stopped ({task.worker})"
            await finish(task.id, TaskStatus.FAILED, error=reason)
            await run_on_failure(ctx, message.on_failure, reason, message.args)
            await msg.ack()
            return
        await Task.find_one(Task.id == task.id).update(
            {
                "$set": {
                    "status": TaskStatus.RUNNING,
                    "worker": NATS_WORKER_PREFIX + self.worker_id,
                    "started_at": utcnow(),
                    "message": f"attempt {attempt} on {self.worker_id}",
                }
            }
        )
        async with keep_alive(msg, self.settings.ack_wait_seconds):
            try:
                result = await run_job(ctx, message.fn, message.args)
            except TaskCancelled:
                await finish(task.id, TaskStatus.CANCELLED, message="cancelled by request")
                await run_on_failure(ctx, message.on_failure, "cancelled", message.args)
            except Exception as exc:  # the task's own error: recorded, not retried
                log.exception("task %s (%s) failed", task.id, message.fn)
                reason = str(exc) or type(exc).__name__
                await finish(task.id, TaskStatus.FAILED, error=reason)
                await run_on_failure(ctx, message.on_failure, reason, message.args)
            else:
                await finish(task.id, TaskStatus.COMPLETED, result=result)
                self.completed += 1
        await msg.ack()
