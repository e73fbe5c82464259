"""Submitting training runs (inputs stored first, then the named job dispatched) and failing them.

``app.state.task_dispatcher`` runs the job in this process (embedded default) or queues it for
``quant worker`` processes (``QUANT_WORKERS_BACKEND=nats``); the inputs fetched here with the user's
token wait in GridFS (``task_inputs``), so the job itself never needs a token.
"""

from beanie import PydanticObjectId
from fastapi import FastAPI

from quant_ml_platform.engine.dataset import Dataset
from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.services import job_refs, task_inputs
from quant_ml_platform.services.task_payloads import encode_dataset
from quant_shared.enums import ExperimentStatus
from quant_shared.tasks import Task, TaskAccepted

DOMAIN = "ml_platform"


async def submit_training(app: FastAPI, experiment: ModelExperiment, data: Dataset) -> TaskAccepted:
    key = str(experiment.id)
    await task_inputs.save(key, encode_dataset(data))
    try:
        task = await app.state.task_dispatcher.dispatch(
            kind="model_training",
            domain=DOMAIN,
            owner_id=experiment.owner_id,
            fn=job_refs.RUN_TRAINING,
            args={"experiment_id": key},
            result_ref={"experiment_id": key},
            on_failure=job_refs.TRAINING_FAILED,
        )
    except Exception as exc:  # not queued: the experiment must not stay pending
        await mark_failed(experiment.id, None, str(exc) or type(exc).__name__)
        await task_inputs.delete(key)
        raise
    await ModelExperiment.find_one(ModelExperiment.id == experiment.id).update(
        {"$set": {"task_id": str(task.id)}}
    )
    return TaskAccepted(task_id=str(task.id), status_url=f"/tasks/{task.id}", resource_id=key)


async def mark_failed(experiment_id: PydanticObjectId, task: Task | None, reason: str) -> None:
    """A failed or cancelled run keeps the reason; an experiment already final is left alone."""
    status = ExperimentStatus.CANCELLED if reason == "cancelled" else ExperimentStatus.FAILED
    fields = {"status": status, "error": reason}
    if task is not None:
        fields["task_id"] = str(task.id)
    open_states = [ExperimentStatus.PENDING, ExperimentStatus.RUNNING]
    await ModelExperiment.find_one({"_id": experiment_id, "status": {"$in": open_states}}).update(
        {"$set": fields}
    )
