"""Start-up recovery: an experiment whose training task ended without it (or never got one) is failed."""

from datetime import timedelta

import pytest

from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.services import ml_jobs, task_inputs
from quant_ml_platform.services.experiments.recovery import INTERRUPTED, fail_interrupted_experiments
from quant_shared.enums import ExperimentStatus, TaskStatus
from quant_shared.tasks import Task, TaskCancelled
from quant_shared.timeutil import utcnow
from quant_shared.workers.execute import JobContext


def _experiment(**fields) -> ModelExperiment:
    base = {"name": "e", "algorithm": "logistic_regression", "target": "direction", "symbols": ["AAA"],
            "interval": "1d", "n_splits": 3, "feature_refs": [], "feature_version_ids": [],
            "owner_id": "u1"}  # fmt: skip
    return ModelExperiment(**{**base, **fields})


async def test_interrupted_experiments_are_failed_and_live_ones_left_alone(client):
    ended = Task(kind="model_training", domain="ml_platform", owner_id="u1", status=TaskStatus.FAILED,
                 error="interrupted: the process running it stopped")  # fmt: skip
    queued = Task(kind="model_training", domain="ml_platform", owner_id="u1", worker="queue:default")
    for task in (ended, queued):
        await task.insert()
    orphan = _experiment(status=ExperimentStatus.RUNNING, task_id=str(ended.id))
    live = _experiment(status=ExperimentStatus.PENDING, task_id=str(queued.id))
    fresh = _experiment()  # being submitted: no task yet
    old = _experiment()
    done = _experiment(status=ExperimentStatus.COMPLETED)
    for experiment in (orphan, live, fresh, old, done):
        await experiment.insert()
    past = {"$set": {"created_at": utcnow() - timedelta(minutes=5)}}  # insert stamps "now"
    await ModelExperiment.get_pymongo_collection().update_one({"_id": old.id}, past)
    await task_inputs.save(str(orphan.id), {"arrays": {}})
    assert await fail_interrupted_experiments() == 2
    states = {e.id: (e.status, e.error) for e in await ModelExperiment.find({}).to_list()}
    assert states[orphan.id] == (ExperimentStatus.FAILED, ended.error)
    assert states[old.id] == (ExperimentStatus.FAILED, INTERRUPTED)
    assert states[live.id][0] == states[fresh.id][0] == ExperimentStatus.PENDING
    assert states[done.id][0] == ExperimentStatus.COMPLETED
    assert [f async for f in task_inputs.STORE._bucket().find({})] == []


async def test_a_redelivered_materialization_whose_inputs_went_is_not_cancelled(client):
    """The lost worker wrote the values and dropped the inputs before it died: the redelivery completes."""
    task = Task(kind="feature_materialization", domain="ml_platform", owner_id="u1")
    await task.insert()
    again = await ml_jobs.run_materialization(JobContext(task, None, attempt=2), "gone", [], None)
    assert again["written_by"] == "an earlier attempt"
    with pytest.raises(TaskCancelled):  # a first delivery without inputs: the run ended meanwhile
        await ml_jobs.run_materialization(JobContext(task, None, attempt=1), "gone", [], None)
