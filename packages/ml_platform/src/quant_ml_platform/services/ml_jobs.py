"""Feature materialization and model training as named jobs (their names: ``job_refs``).

``app.state.task_dispatcher`` runs them in the API process (embedded default) or on any
``quant worker`` process (``QUANT_WORKERS_BACKEND=nats``): the same code either way. Their inputs come
from ``task_inputs`` (stored at submission), so they need no user token. A job delivered again after
its worker was lost (``ctx.attempt > 1``) is safe to rerun: materialization replaces the values of the
span it writes, training replaces an earlier attempt's artifact and a finished experiment is not
trained twice.
"""

from typing import Any

from beanie import PydanticObjectId

from quant_ml_platform.engine.algorithms import REGISTRY
from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.services import task_inputs
from quant_ml_platform.services.experiments.experiment_service import ExperimentService, training_result
from quant_ml_platform.services.experiments.training_tasks import mark_failed
from quant_ml_platform.services.features.materialization_service import materialize
from quant_ml_platform.services.task_payloads import decode_dataset, decode_frames, decode_time
from quant_shared.enums import ExperimentStatus
from quant_shared.tasks import TaskCancelled


async def _versions(version_ids: list[str]) -> list[FeatureVersion]:
    ids = [PydanticObjectId(v) for v in version_ids]
    found = {v.id: v for v in await FeatureVersion.find({"_id": {"$in": ids}}).to_list()}
    missing = [str(i) for i in ids if i not in found]
    if missing:
        raise ValueError(f"feature version(s) deleted before the materialization ran: {', '.join(missing)}")
    return [found[i] for i in ids]


async def run_materialization(ctx, inputs: str, version_ids: list[str], start: str | None) -> dict[str, Any]:
    try:
        frames = decode_frames((await task_inputs.load(inputs))["bars"])
    except TaskCancelled:
        if getattr(ctx, "attempt", 1) > 1:  # the lost worker wrote the values, dropped the inputs, then died
            return {"rows": None, "written_by": "an earlier attempt"}
        raise
    result = await materialize(ctx, await _versions(version_ids), frames, decode_time(start))
    await task_inputs.delete(inputs)
    return result


async def materialization_failed(ctx, reason: str, inputs: str, **_: Any) -> None:
    """No record of its own: the task carries the reason; the stored bars go."""
    await task_inputs.delete(inputs)


async def run_training(ctx, experiment_id: str) -> dict[str, Any]:
    experiment = await ModelExperiment.get(PydanticObjectId(experiment_id))
    if experiment is None:  # deleted meanwhile
        await task_inputs.delete(experiment_id)
        raise TaskCancelled()
    if experiment.status == ExperimentStatus.COMPLETED:  # redelivered after the run had finished
        await task_inputs.delete(experiment_id)
        return training_result(experiment)
    data = decode_dataset(await task_inputs.load(experiment_id))
    entry = REGISTRY[(experiment.algorithm, experiment.target)]
    result = await ExperimentService(experiment.owner_id).train(ctx, experiment, data, entry)
    await task_inputs.delete(experiment_id)
    return result


async def training_failed(ctx, reason: str, experiment_id: str) -> None:
    await mark_failed(PydanticObjectId(experiment_id), ctx.task, reason)
    await task_inputs.delete(experiment_id)
