"""The live path end to end in the all-in-one app: a synthetic series kept current by market data's
poller (accelerated clock), each append announced, a paper run following it; the run equals a backtest
of the same strategy and config over the same bars."""

import asyncio
from datetime import UTC, datetime

import pytest

from quant_gateway.app import create_app
from quant_gateway.discovery import discover_domains
from quant_shared.testing import bearer, running_app, wait_for_task

DOMAINS = discover_domains()
STRATEGY = {"strategy_type": "sma_crossover", "parameters": {"fast": 3, "slow": 7}}
CONFIG = {"commission": 0.001, "fractional_units": True, "stop_loss_pct": 0.002}


@pytest.fixture
async def gateway(settings, monkeypatch):
    monkeypatch.setenv("QUANT_MARKET_DATA_SEED_DEMO", "false")
    monkeypatch.setenv("QUANT_MARKET_DATA_LIVE_CLOCK_SPEED", "600")  # a 1m bar every 0.1 s
    monkeypatch.setenv("QUANT_MARKET_DATA_LIVE_TICK_SECONDS", "0.05")
    async with running_app(create_app(settings, specs=DOMAINS)) as client:
        yield client


async def until(probe, timeout: float = 30.0):
    for _ in range(int(timeout / 0.05)):
        if value := await probe():
            return value
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")


async def test_live_series_drives_a_paper_run_equal_to_its_backtest(gateway, token_factory):
    admin, alice = bearer(token_factory.admin()), bearer(token_factory.user("alice"))
    made = await gateway.post(
        "/admin/market-data/live-schedules", json={"symbol": "LIVE-USD", "interval": "1m"}, headers=admin
    )
    assert made.status_code == 201, made.text

    async def bars():
        body = (await gateway.get("/market-data/bars/LIVE-USD/columnar?interval=1m", headers=alice)).json()
        return body if body.get("timestamp") else None

    first = (await until(bars))["timestamp"][0]  # epoch ms; bars before the run's start are replayed
    start = datetime.fromtimestamp(first / 1000, UTC).isoformat()
    body = {**STRATEGY, "symbols": ["LIVE-USD"], "interval": "1m", "config": CONFIG, "start": start}
    run = await gateway.post("/paper-runs", json=body, headers=alice)
    assert run.status_code == 201, run.text
    run_id = run.json()["id"]

    async def enough():
        got = (await gateway.get(f"/paper-runs/{run_id}", headers=alice)).json()
        return got if got["books"][0]["bars"] >= 40 else None

    await until(enough)
    sid = made.json()["id"].replace("|", "%7C")
    await gateway.patch(f"/admin/market-data/live-schedules/{sid}", json={"enabled": False}, headers=admin)

    async def caught_up():  # a poll under way when the schedule was paused may still append a bar
        stored = await bars()
        got = (await gateway.get(f"/paper-runs/{run_id}", headers=alice)).json()
        return got if got["books"][0]["bars"] == len(stored["timestamp"]) else None

    await asyncio.sleep(0.5)
    got = await until(caught_up)  # every appended bar, once

    payload = {**STRATEGY, "symbols": ["LIVE-USD"], "interval": "1m", "config": CONFIG, "start": start}
    resp = await gateway.post("/backtests", json=payload, headers=alice)
    task = await wait_for_task(gateway, resp.json()["task_id"], alice, timeout=60.0)
    assert task["status"] == "completed", task
    bt = (await gateway.get(f"/backtests/{resp.json()['resource_id']}", headers=alice)).json()
    assert got["equity"] == pytest.approx(bt["metrics"]["final_equity"], abs=1e-9)
    trades = (await gateway.get(f"/backtests/{bt['id']}/trades?limit=500", headers=alice)).json()["items"]
    fills = (await gateway.get(f"/paper-runs/{run_id}/fills?limit=500", headers=alice)).json()["items"]
    entries = [f for f in fills if f["action"] == "entry"]
    exits = [f for f in fills if f["action"] == "exit"]
    assert len(trades) >= 2 and len(entries) == len(trades)
    assert [f["price"] for f in entries] == pytest.approx([t["entry_price"] for t in trades], abs=1e-9)
    closed = [t for t in trades if t["exit_time"] is not None]
    assert [f["pnl"] for f in exits] == pytest.approx([t["pnl"] for t in closed], abs=1e-9)
    assert [f["time"] for f in exits] == [t["exit_time"] for t in closed]
