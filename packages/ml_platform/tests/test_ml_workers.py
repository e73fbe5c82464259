"""Materialization and training on worker processes (QUANT_WORKERS_BACKEND=nats, a real nats-server):
the same results as in-process; a failing training run marks its experiment failed; reruns replace."""

import pytest
from beanie import PydanticObjectId
from gridfs import AsyncGridFSBucket

from quant_ml_platform.app import create_app
from quant_ml_platform.models.experiment import ModelExperiment
from quant_ml_platform.services import artifact_store, ml_jobs, task_inputs
from quant_shared.tasks import Task
from quant_shared.testing import bearer, running_app, wait_for_task
from quant_shared.workers import WorkerSettings
from quant_shared.workers.execute import JobContext
from quant_shared.workers.process import worker_env, worker_process

from .helpers import define_features, materialize

TRAINING = {"name": "exp", "features": ["ret1", "ret5", "vol10"], "symbols": ["AAA", "BBB"], "n_splits": 3}


@pytest.fixture
def app_settings(settings, market_data_url):
    return settings.model_copy(update={"service_urls": {"market_data": market_data_url}})


def spawn(settings, ws: WorkerSettings, name: str):
    env = worker_env(settings.mongodb_url, settings.db_prefix, ws)
    return worker_process(env, name, domains="ml_platform")


async def submit_training(client, headers, **extra) -> dict:
    resp = await client.post("/ml/experiments", json={**TRAINING, **extra}, headers=headers)
    assert resp.status_code == 202, resp.text
    return resp.json()


async def materialize_and_train(client, headers) -> dict:
    names = await define_features(client, headers)
    done = await materialize(client, headers, names, ["AAA", "BBB"], start="2023-03-01T00:00:00Z")
    accepted = await submit_training(client, headers)
    trained = await wait_for_task(client, accepted["task_id"], headers)
    experiment = await client.get(f"/ml/experiments/{accepted['resource_id']}", headers=headers)
    latest = await client.get("/features/latest?symbol=BBB&features=ret5&features=rsi14", headers=headers)
    workers = {(await Task.get(PydanticObjectId(t))).worker for t in (done["id"], accepted["task_id"])}
    return {"rows": done["result"], "task": trained, "experiment": experiment.json(),
            "latest": latest.json()["values"], "workers": workers}  # fmt: skip


async def test_materialization_and_training_run_on_a_worker_with_the_in_process_results(
    app_settings, token_factory, workers, monkeypatch
):
    with spawn(app_settings, workers, "ml-a"):
        async with running_app(create_app(app_settings)) as client:
            remote = await materialize_and_train(client, bearer(token_factory.user()))
    monkeypatch.setenv("QUANT_WORKERS_BACKEND", "inprocess")
    async with running_app(create_app(app_settings)) as client:
        local = await materialize_and_train(client, bearer(token_factory.user()))  # another user
    assert remote["workers"] == {"nats:ml-a"}, remote["workers"]
    assert not any(w.startswith("nats:") for w in local["workers"]), local["workers"]
    assert remote["task"]["status"] == "completed", remote["task"]
    assert remote["rows"] == local["rows"] and remote["latest"] == local["latest"]
    exp_remote, exp_local = remote["experiment"], local["experiment"]
    assert exp_remote["status"] == exp_local["status"] == "completed"
    for key in ("n_samples", "metrics", "trading", "folds"):
        assert exp_remote[key] == exp_local[key], key
    assert remote["task"]["result"]["metrics"] == exp_remote["metrics"]


def _bucket(name: str) -> AsyncGridFSBucket:
    return AsyncGridFSBucket(ModelExperiment.get_pymongo_collection().database, bucket_name=name)


async def test_a_failing_training_is_marked_failed_and_a_rerun_replaces(
    app_settings, user_token, workers, monkeypatch
):
    headers = bearer(user_token)
    monkeypatch.setenv("QUANT_WORKERS_BACKEND", "inprocess")  # the features, materialized in-process
    async with running_app(create_app(app_settings)) as client:
        names = await define_features(client, headers)
        await materialize(client, headers, names, ["AAA", "BBB"])
    monkeypatch.setenv("QUANT_WORKERS_BACKEND", "nats")
    async with running_app(create_app(app_settings)) as client:
        doomed = await submit_training(client, headers, name="doomed")
        rerun = await submit_training(client, headers, name="rerun")
        # queued, no worker yet: the doomed run's rows get a single class (training must fail), and the
        # other one meets a model file left by an earlier attempt whose worker was lost
        stored = await task_inputs.load(doomed["resource_id"])
        stored["arrays"]["y"]["data"] = [1] * len(stored["arrays"]["y"]["data"])
        await task_inputs.save(doomed["resource_id"], stored)
        await _bucket(artifact_store.BUCKET).upload_from_stream(
            "stale.skops", b"partial", metadata={"experiment_id": rerun["resource_id"]}
        )
        with spawn(app_settings, workers, "ml-b"):
            failed = await wait_for_task(client, doomed["task_id"], headers)
            done = await wait_for_task(client, rerun["task_id"], headers)
        bad = (await client.get(f"/ml/experiments/{doomed['resource_id']}", headers=headers)).json()
        good = await ModelExperiment.get(PydanticObjectId(rerun["resource_id"]))
        task = await Task.get(PydanticObjectId(rerun["task_id"]))
        again = await ml_jobs.run_training(JobContext(task, client, attempt=2), rerun["resource_id"])
        files = _bucket(artifact_store.BUCKET).find({"metadata.experiment_id": rerun["resource_id"]})
        artifacts = [f._id async for f in files]
        leftovers = [f async for f in _bucket(task_inputs.BUCKET).find({})]
        after = await ModelExperiment.get(good.id)
    assert failed["status"] == "failed" and "single class" in failed["error"], failed
    assert bad["status"] == "failed" and bad["error"] == failed["error"], bad
    assert done["status"] == "completed" and task.worker == "nats:ml-b", done
    assert artifacts == [good.artifact_id]  # the stale file replaced, not kept beside the model
    assert again == done["result"] and after.artifact_id == good.artifact_id
    assert leftovers == []  # inputs go once their task has run (or failed)


async def test_a_training_the_broker_cannot_queue_is_503_and_failed(app_settings, user_token, monkeypatch):
    headers = bearer(user_token)
    async with running_app(create_app(app_settings)) as client:  # in-process: materialize
        names = await define_features(client, headers)
        await materialize(client, headers, names, ["AAA", "BBB"])
    monkeypatch.setenv("QUANT_WORKERS_BACKEND", "nats")
    monkeypatch.setenv("QUANT_WORKERS_NATS_URL", "nats://127.0.0.1:9")  # nothing listens there
    async with running_app(create_app(app_settings)) as client:
        resp = await client.post("/ml/experiments", json=TRAINING, headers=headers)
        materializing = await client.post(
            "/features/materializations", json={"features": names, "symbols": ["AAA"]}, headers=headers
        )
        listed = (await client.get("/ml/experiments", headers=headers)).json()["items"]
        leftovers = [f async for f in _bucket(task_inputs.BUCKET).find({})]
    assert resp.status_code == materializing.status_code == 503, resp.text
    assert [e["status"] for e in listed] == ["failed"] and "broker" in listed[0]["error"], listed
    assert leftovers == []
