"""One optimisation shared by worker processes (a real nats-server): the coordinator and its helper
tasks split the trials, the result equals the in-process run; a trial whose claimant died is retaken."""

from datetime import timedelta

import pytest
from beanie import PydanticObjectId

from quant_shared.enums import TaskStatus
from quant_shared.tasks import Task
from quant_shared.testing import bearer, running_app
from quant_shared.timeutil import utcnow
from quant_shared.workers.process import worker_env, worker_process
from quant_trading.app import create_app
from quant_trading.models import OptimizationWorkItem, OptimizationWorkOutput
from quant_trading.services import trial_sharing
from quant_trading.services.optimization_worker import make_state

from .contract_app import SYMBOLS
from .helpers import wait_task

RANGES = {"fast": {"low": 2, "high": 31, "step": 1}, "slow": {"low": 40, "high": 80, "step": 10}}
PAYLOAD = {"strategy_type": "sma_crossover", "symbol": "AAA", "parameter_ranges": RANGES, "max_trials": 150}


@pytest.fixture(autouse=True)
def one_helper(monkeypatch):
    monkeypatch.setenv("QUANT_TRADING_OPTIMIZATION_HELPERS", "1")


async def optimise(client, token) -> dict:
    resp = await client.post("/optimization", json=PAYLOAD, headers=bearer(token))
    assert resp.status_code == 202, resp.text
    accepted = resp.json()
    task = await wait_task(client, accepted["task_id"], token, timeout=180)
    assert task["status"] == "completed", task
    run = (await client.get(f"/optimization/{accepted['resource_id']}", headers=bearer(token))).json()
    trials = await client.get(
        f"/optimization/{accepted['resource_id']}/trials", params={"limit": 500}, headers=bearer(token)
    )
    assert trials.status_code == 200, trials.text
    run["trial_values"] = sorted(
        (tuple(sorted(t["parameters"].items())), t["value"]) for t in trials.json()["items"]
    )
    run["coordinator"] = (await Task.get(PydanticObjectId(accepted["task_id"]))).worker
    return run


async def test_two_workers_share_one_optimisation(trading_app_settings, user_token, workers, monkeypatch):
    env = worker_env(trading_app_settings.mongodb_url, trading_app_settings.db_prefix, workers)
    with (
        worker_process(env, "opt-share-a", domains="trading"),
        worker_process(env, "opt-share-b", domains="trading"),
    ):
        async with running_app(create_app(trading_app_settings)) as client:
            shared = await optimise(client, user_token)
            helpers = await Task.find({"kind": "optimization-helper"}).to_list()
            for helper in helpers:
                await wait_task(client, str(helper.id), user_token, timeout=60)
            helpers = await Task.find({"kind": "optimization-helper"}).to_list()
            left_items = await OptimizationWorkItem.find({}).count()
            left_outputs = await OptimizationWorkOutput.find({}).count()
    monkeypatch.setenv("QUANT_WORKERS_BACKEND", "inprocess")
    async with running_app(create_app(trading_app_settings)) as client:
        local = await optimise(client, user_token)
    assert shared["status"] == "completed" and shared["trials_done"] == local["trials_done"] == 150
    assert shared["best_parameters"] == local["best_parameters"]
    assert shared["trial_values"] == local["trial_values"]
    helped = [h for h in helpers if h.status == TaskStatus.COMPLETED and h.result["trials"] > 0]
    assert helped, [(h.status, h.result, h.error) for h in helpers]
    assert {shared["coordinator"], helped[0].worker} == {"nats:opt-share-a", "nats:opt-share-b"}
    assert left_items == left_outputs == 0  # the run's items and outputs went with its batches


async def test_a_trial_of_a_dead_claimant_is_taken_again(client):
    state = make_state(SYMBOLS["AAA"], "sma_crossover", {}, None, {}, "sharpe_ratio")
    run_id = "0" * 24
    lost = OptimizationWorkItem(
        run_id=run_id, batch="b", seq=0, points=[{"fast": 5, "slow": 40}, {"fast": 5, "slow": 50}]
    )
    lost.status, lost.claimed_by, lost.claimed_at = (
        TaskStatus.RUNNING,
        "gone:1:x",
        utcnow() - timedelta(minutes=5),
    )
    fresh = OptimizationWorkItem(run_id=run_id, batch="b", seq=1, points=[{"fast": 6, "slow": 40}])
    fresh.status, fresh.claimed_by, fresh.claimed_at = TaskStatus.RUNNING, "busy:2:y", utcnow()
    await OptimizationWorkItem.insert_many([lost, fresh])

    assert await trial_sharing.work(run_id, state, "me") == 0  # both are claimed
    assert await trial_sharing.reclaim_stale(run_id, lease_seconds=60) == 1  # only the expired one
    assert await trial_sharing.work(run_id, state, "me") == 2  # the expired chunk's two trials
    items = {i.seq: i for i in await OptimizationWorkItem.find({"run_id": run_id}).to_list()}
    assert items[0].status == TaskStatus.COMPLETED and items[0].claimed_by == "me"
    assert items[1].status == TaskStatus.RUNNING and items[1].claimed_by == "busy:2:y"
    outputs = await trial_sharing.evaluated(run_id, "b")  # only the chunk evaluated here
    assert [p for p, _ in outputs] == lost.points
    assert all(o["metrics"]["sharpe_ratio"] is not None for _, o in outputs)
    # the dead claimant comes back and stores the same chunk: the first outputs stay, nothing fails
    await trial_sharing.store({**items[0].model_dump(), "_id": items[0].id}, "gone:1:x", [{"late": 1}] * 2)
    assert [o for _, o in await trial_sharing.evaluated(run_id, "b")] == [o for _, o in outputs]
    assert (await OptimizationWorkItem.get(items[0].id)).claimed_by == "me"
    await trial_sharing.clear(run_id)
    assert await OptimizationWorkItem.find({"run_id": run_id}).count() == 0
    assert await OptimizationWorkOutput.find({"run_id": run_id}).count() == 0
