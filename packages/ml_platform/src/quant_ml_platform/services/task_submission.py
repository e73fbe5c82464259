"""Submitting materialisations and training runs: inputs stored first, then the named job dispatched.

``app.state.task_dispatcher`` runs the job in this process (embedded default) or queues it for
``quant worker`` processes (``QUANT_WORKERS_BACKEND=nats``); the inputs fetched here with the user's
token wait in GridFS (``task_inputs``), so the job itself never needs a token.
"""

from datetime import datetime

import pandas as pd
from beanie import PydanticObjectId
from fastapi import FastAPI

from quant_ml_platform.engine.dataset import Dataset
from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.services import job_refs, task_inputs
from quant_ml_platform.services.experiment_service import mark_failed
from quant_ml_platform.services.task_payloads import encode_dataset, encode_frames, encode_time
from quant_shared.tasks import TaskAccepted

DOMAIN = "ml_platform"


async def submit_materialisation(
    app: FastAPI,
    owner_id: str,
    versions: list[FeatureVersion],
    frames: dict[str, pd.DataFrame],
    start: datetime | None,
) -> TaskAccepted:
    key = f"materialisation-{PydanticObjectId()}"
    await task_inputs.save(key, {"bars": encode_frames(frames)})
    try:
        task = await app.state.task_dispatcher.dispatch(
            kind="feature_materialisation",
            domain=DOMAIN,
            owner_id=owner_id,
            fn=job_refs.RUN_MATERIALISATION,
            args={"inputs": key, "version_ids": [str(v.id) for v in versions], "start": encode_time(start)},
            on_failure=job_refs.MATERIALISATION_FAILED,
        )
    except Exception:  # not queued (broker away): nothing will read the inputs
        await task_inputs.delete(key)
        raise
    return TaskAccepted(task_id=str(task.id), status_url=f"/tasks/{task.id}")


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
