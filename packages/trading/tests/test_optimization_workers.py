"""One optimisation shared by worker processes (a real nats-server): the coordinator and its helper
tasks split the trials, the result equals the in-process run; how a batch is cut into chunks. The
dealing itself: ``test_trial_dealer.py``."""

import pytest
from beanie import PydanticObjectId

from quant_shared.enums import TaskStatus
from quant_shared.tasks import Task
from quant_shared.testing import bearer, running_app
from quant_shared.workers.process import worker_env, worker_process
from quant_trading.app import create_app
from quant_trading.services import trial_sharing

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
    monkeypatch.setenv("QUANT_WORKERS_BACKEND", "inprocess")
    async with running_app(create_app(trading_app_settings)) as client:
        local = await optimise(client, user_token)
    assert shared["status"] == "completed" and shared["trials_done"] == local["trials_done"] == 150
    assert shared["best_parameters"] == local["best_parameters"]
    assert shared["trial_values"] == local["trial_values"]
    helped = [h for h in helpers if h.status == TaskStatus.COMPLETED and h.result["trials"] > 0]
    assert helped, [(h.status, h.result, h.error) for h in helpers]
    assert {shared["coordinator"], helped[0].worker} == {"nats:opt-share-a", "nats:opt-share-b"}


def test_chunks_are_large_at_both_ends_and_small_where_the_processes_meet():
    sizes = trial_sharing.chunk_sizes(40, 2)
    assert sum(sizes) == 40 and sizes == [10, 6, 3, 1, 1, 1, 1, 1, 1, 3, 4, 8]
    middle = sizes.index(min(sizes))
    assert sizes[:middle] == sorted(sizes[:middle], reverse=True)  # the coordinator's way: shrinking
    assert sizes[middle:] == sorted(sizes[middle:])  # the helpers' way, from the last: shrinking
    big = trial_sharing.chunk_sizes(5000, 2)
    assert sum(big) == 5000 and max(big) == trial_sharing.MAX_TRIALS_PER_CHUNK
    many = trial_sharing.chunk_sizes(2000, 4)
    assert sum(many) == 2000 and len(many) <= 4 * trial_sharing.MAX_CHUNKS_PER_PROCESS
    assert trial_sharing.chunk_sizes(1, 4) == [1] and trial_sharing.chunk_sizes(0, 2) == []
