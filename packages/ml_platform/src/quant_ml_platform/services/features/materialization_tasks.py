"""Submitting a materialization: the bars stored first, then the named job dispatched.

``app.state.task_dispatcher`` runs the job in this process (embedded default) or queues it for
``quant worker`` processes (``QUANT_WORKERS_BACKEND=nats``); the bars fetched with the user's token
wait in GridFS (``task_inputs``), so the job itself never needs a token.
"""

from datetime import datetime

import pandas as pd
from beanie import PydanticObjectId
from fastapi import FastAPI

from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.services import job_refs, task_inputs
from quant_ml_platform.services.task_payloads import encode_frames, encode_time
from quant_shared.tasks import TaskAccepted

DOMAIN = "ml_platform"


async def submit_materialization(
    app: FastAPI,
    owner_id: str,
    versions: list[FeatureVersion],
    frames: dict[str, pd.DataFrame],
    start: datetime | None,
) -> TaskAccepted:
    key = f"materialization-{PydanticObjectId()}"
    await task_inputs.save(key, {"bars": encode_frames(frames)})
    try:
        task = await app.state.task_dispatcher.dispatch(
            kind="feature_materialization",
            domain=DOMAIN,
            owner_id=owner_id,
            fn=job_refs.RUN_MATERIALIZATION,
            args={"inputs": key, "version_ids": [str(v.id) for v in versions], "start": encode_time(start)},
            on_failure=job_refs.MATERIALIZATION_FAILED,
        )
    except Exception:  # not queued (broker away): nothing will read the inputs
        await task_inputs.delete(key)
        raise
    return TaskAccepted(task_id=str(task.id), status_url=f"/tasks/{task.id}")
