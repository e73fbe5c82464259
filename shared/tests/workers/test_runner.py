"""Start-up recovery fails tasks of a stopped in-process runner, never tasks living on the queue."""

from quant_shared.enums import TaskStatus
from quant_shared.tasks import Task
from quant_shared.workers import QueueAwareTaskRunner


async def test_recover_leaves_queued_and_worker_tasks_alone(tasks_db):
    def task(worker: str, status: TaskStatus) -> Task:
        return Task(kind="k", domain="trading", owner_id="u1", worker=worker, status=status)

    stale = await task("host:1:abc", TaskStatus.RUNNING).insert()
    queued = await task("queue:default", TaskStatus.PENDING).insert()
    on_worker = await task("nats:w-1", TaskStatus.RUNNING).insert()
    other_domain = await Task(kind="k", domain="user", owner_id="u1", worker="host:1:abc").insert()
    runner = QueueAwareTaskRunner()
    assert await runner.recover(["trading"]) == 1
    failed = await Task.get(stale.id)
    assert (
        failed.status == TaskStatus.FAILED and failed.error == "interrupted: the process running it stopped"
    )
    assert (await Task.get(queued.id)).status == TaskStatus.PENDING
    assert (await Task.get(on_worker.id)).status == TaskStatus.RUNNING
    assert (await Task.get(other_domain.id)).status == TaskStatus.PENDING
    QueueAwareTaskRunner.recovers = False
    try:
        await Task.find_one(Task.id == queued.id).update({"$set": {"worker": "host:2:def"}})
        assert await runner.recover(["trading"]) == 0
    finally:
        QueueAwareTaskRunner.recovers = True
