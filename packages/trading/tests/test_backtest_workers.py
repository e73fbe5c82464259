"""Backtests on worker processes (QUANT_WORKERS_BACKEND=nats, a real nats-server): same results as
in-process; a worker killed with SIGKILL loses nothing, the other worker finishes its backtests."""

import asyncio
import signal

import pytest
from beanie import PydanticObjectId

from quant_shared.tasks import Task
from quant_shared.testing import bearer, running_app
from quant_shared.workers import WorkerSettings
from quant_shared.workers.execute import JobContext
from quant_shared.workers.process import worker_env, worker_process
from quant_trading.app import create_app
from quant_trading.models import BacktestExecution
from quant_trading.services import trading_jobs

from .helpers import run_backtest, wait_task

PAYLOAD = {
    "strategy_type": "sma_crossover",
    "parameters": {"fast": 5, "slow": 20},
    "interval": "1d",
    "symbols": ["AAA", "BBB", "CCC"],
    "config": {"initial_cash": 10_000, "commission": 0.001},
}


def spawn(settings, ws: WorkerSettings, name: str):
    return worker_process(worker_env(settings.mongodb_url, settings.db_prefix, ws), name, domains="trading")


async def test_backtests_run_on_workers_with_the_in_process_results(
    trading_app_settings, user_token, workers, monkeypatch
):
    with spawn(trading_app_settings, workers, "bt-a"), spawn(trading_app_settings, workers, "bt-b"):
        async with running_app(create_app(trading_app_settings)) as client:
            remote = [await run_backtest(client, user_token, PAYLOAD) for _ in range(4)]
            ran_on = {(await Task.get(PydanticObjectId(b["task_id"]))).worker for b in remote}
    monkeypatch.setenv("QUANT_WORKERS_BACKEND", "inprocess")
    async with running_app(create_app(trading_app_settings)) as client:
        local = await run_backtest(client, user_token, PAYLOAD)
    assert ran_on and ran_on <= {"nats:bt-a", "nats:bt-b"}, ran_on
    for run in remote:
        assert run["status"] == "completed" and run["metrics"] == local["metrics"]


async def any_taken(client, accepted: list[dict], token: str) -> bool:
    """Some of the accepted backtests' tasks left ``pending`` (a worker took them)."""
    for a in accepted:
        if (await client.get(f"/tasks/{a['task_id']}", headers=bearer(token))).json()["status"] != "pending":
            return True
    return False


async def test_a_killed_worker_loses_no_backtest(trading_app_settings, user_token, workers):
    async with running_app(create_app(trading_app_settings)) as client:
        with spawn(trading_app_settings, workers, "bt-doomed") as doomed:
            accepted = []
            for _ in range(6):  # it is killed once it took one (a run takes milliseconds: not all six)
                resp = await client.post("/backtests", json=PAYLOAD, headers=bearer(user_token))
                assert resp.status_code == 202, resp.text
                accepted.append(resp.json())
                if await any_taken(client, accepted, user_token):
                    break
            for _ in range(600):
                if await any_taken(client, accepted, user_token):
                    break
                await asyncio.sleep(0.01)
            doomed.send_signal(signal.SIGKILL)
            doomed.wait(10)
            while len(accepted) < 6:  # the rest go to the queue for the rescue worker
                resp = await client.post("/backtests", json=PAYLOAD, headers=bearer(user_token))
                assert resp.status_code == 202, resp.text
                accepted.append(resp.json())
        with spawn(trading_app_settings, workers, "bt-rescue"):
            done = [await wait_task(client, a["task_id"], user_token, timeout=60) for a in accepted]
            runs = [
                (await client.get(f"/backtests/{a['resource_id']}", headers=bearer(user_token))).json()
                for a in accepted
            ]
            workers_used = {(await Task.get(PydanticObjectId(a["task_id"]))).worker for a in accepted}
            lost = await BacktestExecution.find({"error": "worker lost"}).count()
            finished = await BacktestExecution.find({"status": "completed"}).count()
    assert [d["status"] for d in done] == ["completed"] * 6, done
    assert all(r["status"] == "completed" and r["metrics"] == runs[0]["metrics"] for r in runs)
    assert "nats:bt-rescue" in workers_used, workers_used
    assert finished == 6 and lost <= 1  # a run cut short is recorded as such, then completed elsewhere


async def test_an_optimization_runs_on_a_worker_with_the_in_process_result(
    trading_app_settings, user_token, workers, monkeypatch
):
    ranges = {"fast": {"low": 3, "high": 6, "step": 1}, "slow": {"low": 10, "high": 20, "step": 5}}
    payload = {"strategy_type": "sma_crossover", "symbol": "AAA", "parameter_ranges": ranges}
    payload["max_trials"] = 12

    async def optimize(client) -> tuple[dict, str | None]:
        resp = await client.post("/optimization", json=payload, headers=bearer(user_token))
        assert resp.status_code == 202, resp.text
        accepted = resp.json()
        await wait_task(client, accepted["task_id"], user_token, timeout=120)
        worker = (await Task.get(PydanticObjectId(accepted["task_id"]))).worker
        run = await client.get(f"/optimization/{accepted['resource_id']}", headers=bearer(user_token))
        return run.json(), worker

    with spawn(trading_app_settings, workers, "opt-a"):
        async with running_app(create_app(trading_app_settings)) as client:
            remote, worker = await optimize(client)
    monkeypatch.setenv("QUANT_WORKERS_BACKEND", "inprocess")
    async with running_app(create_app(trading_app_settings)) as client:
        local, _ = await optimize(client)
    assert worker == "nats:opt-a" and remote["status"] == "completed", remote
    assert remote["trials_done"] == local["trials_done"] == 12
    assert remote["best_parameters"] == local["best_parameters"]
    assert remote["best_value"] == pytest.approx(local["best_value"])


async def test_a_redelivered_task_the_lost_worker_had_completed_keeps_its_result(
    trading_app_settings, user_token
):
    """A worker killed after its run completed but before it recorded the task: the redelivery returns the
    stored result (the inputs are gone) instead of cancelling, and closes the execution left open."""
    ranges = {"fast": {"low": 3, "high": 4, "step": 1}, "slow": {"low": 10, "high": 15, "step": 5}}
    async with running_app(create_app(trading_app_settings)) as client:
        run = await run_backtest(client, user_token, PAYLOAD)
        resp = await client.post(
            "/optimization",
            json={"strategy_type": "sma_crossover", "symbol": "AAA", "parameter_ranges": ranges},
            headers=bearer(user_token),
        )
        opt = resp.json()
        await wait_task(client, opt["task_id"], user_token)
        optimization = (
            await client.get(f"/optimization/{opt['resource_id']}", headers=bearer(user_token))
        ).json()
        task = await Task.get(PydanticObjectId(run["task_id"]))
        left_open = BacktestExecution(
            owner_id=task.owner_id, backtest_id=run["id"], started_at=task.created_at
        )
        await left_open.insert()
        again = await trading_jobs.run_backtest(JobContext(task, None, attempt=2), run["id"])
        assert again == {"backtest_id": run["id"], "metrics": run["metrics"]}
        assert (await BacktestExecution.get(left_open.id)).status == "completed"
        again = await trading_jobs.run_optimization(JobContext(task, None, attempt=2), opt["resource_id"])
        assert again["best_parameters"] == optimization["best_parameters"] and again["trials"] == 4
