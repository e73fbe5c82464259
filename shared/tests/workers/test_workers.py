"""Distributed workers on a real JetStream: any worker runs any task, failures recorded, SIGKILL survived."""

import asyncio
import signal

from quant_shared.enums import TaskStatus
from quant_shared.tasks import Task
from quant_shared.workers import NatsDispatcher

from .conftest import worker_process
from .worker_tasks import digest


async def wait_task(task_id, until=lambda t: t.status.is_final, timeout: float = 30.0) -> Task:
    for _ in range(int(timeout / 0.1)):
        task = await Task.get(task_id)
        if task is not None and until(task):
            return task
        await asyncio.sleep(0.1)
    raise AssertionError(f"task {task_id} not there in time: {await Task.get(task_id)}")


async def test_two_workers_share_the_queue(settings, worker_settings, dispatcher):
    with (
        worker_process(settings, worker_settings, "w-a"),
        worker_process(settings, worker_settings, "w-b"),
    ):
        tasks = [
            await dispatcher.dispatch(
                kind="hash",
                domain="system",
                owner_id="u1",
                fn="worker_tasks:digest",
                args={"text": f"x{i}", "rounds": 2000},
            )
            for i in range(8)
        ]
        slow = [
            await dispatcher.dispatch(
                kind="steps",
                domain="system",
                owner_id="u1",
                fn="worker_tasks:slow_steps",
                args={"steps": 4, "delay": 0.1},
            )
            for _ in range(4)
        ]
        bad = await dispatcher.dispatch(
            kind="bad",
            domain="system",
            owner_id="u1",
            fn="worker_tasks:explode",
            args={"message": "bad input"},
            on_failure="worker_tasks:note_failure",
        )
        done = [await wait_task(t.id) for t in [*tasks, *slow]]
        failed = await wait_task(bad.id)
    for i, task in enumerate(done[:8]):
        assert task.status == TaskStatus.COMPLETED and task.result == digest(f"x{i}", 2000)
    assert all(t.status == TaskStatus.COMPLETED and t.result["steps"] == 4 for t in done[8:])
    assert {t.worker for t in done} == {"nats:w-a", "nats:w-b"}  # both workers took tasks
    assert failed.status == TaskStatus.FAILED and failed.error == "bad input"
    assert failed.message == "cleaned up after: bad input"


async def test_worker_killed_mid_task_task_completes_on_another(settings, worker_settings, dispatcher):
    with worker_process(settings, worker_settings, "w-doomed") as doomed:
        task = await dispatcher.dispatch(
            kind="steps",
            domain="system",
            owner_id="u1",
            fn="worker_tasks:slow_steps",
            args={"steps": 20, "delay": 0.1},
        )
        running = await wait_task(
            task.id, until=lambda t: t.status == TaskStatus.RUNNING and t.progress > 0.1
        )
        assert running.worker == "nats:w-doomed"
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(10)
    assert (await Task.get(task.id)).status == TaskStatus.RUNNING  # left behind by the killed worker
    with worker_process(settings, worker_settings, "w-rescue"):
        finished = await wait_task(task.id)
    assert finished.status == TaskStatus.COMPLETED and finished.worker == "nats:w-rescue"
    assert finished.result == {"steps": 20, "attempt": 2, "task_id": str(task.id)}


async def test_task_out_of_attempts_is_failed_with_reason(settings, worker_settings, tasks_db):
    worker_settings.max_attempts = 1
    dispatcher = NatsDispatcher(worker_settings)
    try:
        with worker_process(settings, worker_settings, "w-one") as doomed:
            task = await dispatcher.dispatch(
                kind="steps",
                domain="system",
                owner_id="u1",
                fn="worker_tasks:slow_steps",
                args={"steps": 50, "delay": 0.1},
            )
            await wait_task(task.id, until=lambda t: t.status == TaskStatus.RUNNING)
            doomed.send_signal(signal.SIGKILL)
            doomed.wait(10)
        with worker_process(settings, worker_settings, "w-two"):
            failed = await wait_task(task.id)
    finally:
        await dispatcher.close()
    assert failed.status == TaskStatus.FAILED
    assert failed.error == "gave up after 1 attempts: the worker running it stopped (nats:w-one)"


async def test_task_cancelled_while_queued_is_not_run(settings, worker_settings, dispatcher):
    task = await dispatcher.dispatch(
        kind="steps",
        domain="system",
        owner_id="u1",
        fn="worker_tasks:slow_steps",
        args={"steps": 2, "delay": 0},
    )
    assert (await Task.get(task.id)).status == TaskStatus.PENDING  # no worker yet: it waits in the queue
    await Task.find_one(Task.id == task.id).update({"$set": {"cancel_requested": True}})
    with worker_process(settings, worker_settings, "w-late"):
        cancelled = await wait_task(task.id)
    assert cancelled.status == TaskStatus.CANCELLED and cancelled.result is None
