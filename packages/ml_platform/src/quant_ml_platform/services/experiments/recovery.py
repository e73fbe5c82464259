"""Start-up clean-up: experiments whose training task can no longer finish are marked failed.

An API process that stopped mid-training (in-process backend), or a task that ended without its
failure hook running, would otherwise leave an experiment ``pending`` / ``running`` for ever. Tasks
still queued or running on workers are left alone (the broker redelivers them).
"""

from datetime import timedelta

from beanie import PydanticObjectId
from fastapi import FastAPI

from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.services import task_inputs
from quant_shared.enums import ExperimentStatus, TaskStatus
from quant_shared.tasks import Task
from quant_shared.timeutil import utcnow

OPEN = [ExperimentStatus.PENDING, ExperimentStatus.RUNNING]
INTERRUPTED = "interrupted: the process running it stopped"


async def fail_interrupted_experiments(grace: timedelta = timedelta(minutes=1)) -> int:
    """Open experiments whose task ended (or was never created within ``grace``)."""
    count = 0
    async for experiment in ModelExperiment.find({"status": {"$in": OPEN}}):
        task = await Task.get(PydanticObjectId(experiment.task_id)) if experiment.task_id else None
        if task is None and experiment.created_at > utcnow() - grace:
            continue  # being submitted right now
        if task is not None and not task.status.is_final:
            continue
        error = (task.error if task is not None else None) or INTERRUPTED
        cancelled = task is not None and task.status == TaskStatus.CANCELLED
        status = ExperimentStatus.CANCELLED if cancelled else ExperimentStatus.FAILED
        update = {"status": status, "error": error}
        result = await ModelExperiment.find_one({"_id": experiment.id, "status": {"$in": OPEN}}).update(
            {"$set": update}
        )
        await task_inputs.delete(str(experiment.id))
        count += getattr(result, "modified_count", 0)
    return count


async def recover_experiments(app: FastAPI) -> None:
    await fail_interrupted_experiments()
