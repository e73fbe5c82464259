"""Live bars: admin schedules, the poller appending closed synthetic bars on an accelerated clock, each
append announced once, and a provider failure backing off."""

import asyncio
from datetime import timedelta

import numpy as np
import pytest

from quant_market_data.models.live_schedule import LiveSchedule
from quant_market_data.services.bar_store import BarStore
from quant_market_data.services.live_poller import LivePoller, stop_live_poller
from quant_market_data.settings import MarketDataSettings
from quant_shared.enums import DataInterval
from quant_shared.timeutil import utcnow

PATH = "/admin/market-data/live-schedules"
SPEED = 600.0  # a 1m bar every 0.1 s


@pytest.fixture
def md_settings() -> MarketDataSettings:
    return MarketDataSettings(seed_demo=False, live_clock_speed=SPEED, live_tick_seconds=0.05, _env_file=None)


async def test_schedule_routes_check_access_and_input(client, admin, user):
    body = {"symbol": "syn-usd", "interval": "1m"}
    assert (await client.post(PATH, json=body)).status_code == 401
    assert (await client.post(PATH, json=body, headers=user)).status_code == 403
    assert (await client.get(PATH, headers=user)).status_code == 403
    bad = await client.post(PATH, json={**body, "adjusted": True}, headers=admin)
    assert bad.status_code == 422 and "body.adjusted" in bad.text
    bad = await client.post(PATH, json={**body, "interval": "2m"}, headers=admin)
    assert bad.status_code == 422 and "interval" in bad.text
    bad = await client.post(PATH, json={**body, "provider": "binance", "symbol": "AAPL"}, headers=admin)
    assert bad.status_code == 422 and "body.symbol" in bad.text
    made = await client.post(PATH, json={**body, "enabled": False}, headers=admin)
    assert made.status_code == 201, made.text
    sid = made.json()["id"]
    assert sid == "SYN-USD|1m|synthetic" and made.json()["enabled"] is False
    assert (await client.post(PATH, json=body, headers=admin)).status_code == 409
    listed = (await client.get(PATH, headers=admin)).json()
    assert [s["id"] for s in listed["items"]] == [sid] and listed["total"] == 1
    patched = await client.patch(f"{PATH}/{sid}", json={"poll_seconds": 0.5}, headers=admin)
    assert patched.status_code == 422 and "poll_seconds" in patched.text
    patched = await client.patch(f"{PATH}/{sid}", json={"poll_seconds": 5}, headers=admin)
    assert patched.json()["poll_seconds"] == 5
    assert (await client.delete(f"{PATH}/{sid}", headers=admin)).status_code == 204
    assert (await client.get(f"{PATH}/{sid}", headers=admin)).status_code == 404


async def test_poller_appends_closed_bars_once_each(client, admin, md_settings):
    seen = []

    async def record(event):
        seen.append(event)

    client.app.state.event_bus.subscribe("MarketDataIngested", "test.live", record)
    made = await client.post(PATH, json={"symbol": "SYN-USD", "interval": "1m"}, headers=admin)
    assert made.status_code == 201, made.text
    for _ in range(200):  # a bar every 0.1 s on the accelerated clock, polled by the background task
        await asyncio.sleep(0.05)
        if (await LiveSchedule.get(made.json()["id"])).appended >= 5:
            break
    await stop_live_poller(client.app)
    await client.app.state.event_bus.drain()
    bars = await BarStore().columns("SYN-USD", DataInterval.M1, None, None)
    schedule = await LiveSchedule.get(made.json()["id"])
    assert len(bars) >= 5 and schedule.appended == len(bars) and schedule.last_error is None
    assert np.all(np.diff(bars.timestamp) == 60_000)
    virtual_now = schedule.clock_anchor + (utcnow() - schedule.clock_anchor) * SPEED
    assert bars.timestamp[-1] + 60_000 <= virtual_now.timestamp() * 1000  # only closed bars
    announced = [t for e in seen for t in e.payload["bar_columns"]["timestamp"]]
    assert announced == bars.timestamp.tolist()  # every bar announced, exactly once, in order
    assert all(e.payload["source"] == "live:synthetic" for e in seen)
    # a bar continues the previous close (within the synthetic open gap)
    assert np.allclose(bars.open[1:], bars.close[:-1], rtol=0.01)
    # a poll repeated over the same window (a crash before the schedule was updated) adds nothing
    before = len(seen)
    again = await LivePoller(md_settings).ingest(schedule, bars)
    assert again["inserted"] == 0 and len(seen) == before


async def test_a_failing_provider_backs_off_and_reports(client, admin, md_settings):
    md_settings.yahoo_base_url = "http://127.0.0.1:9"  # nothing listens there
    md_settings.provider_max_retries = 0
    body = {"symbol": "AAPL", "interval": "1d", "provider": "yahoo", "adjusted": True, "enabled": False}
    made = await client.post(PATH, json=body, headers=admin)
    schedule = await LiveSchedule.get(made.json()["id"])
    assert await LivePoller(md_settings).poll(schedule) == 0
    failed = await LiveSchedule.get(schedule.id)
    assert failed.failures == 1 and "unreachable" in failed.last_error
    assert failed.next_poll_at >= utcnow() + timedelta(seconds=5) and failed.lease_until is None
