"""A poisoned event: retried with backoff, dead-lettered, listed by an admin, replayed after the fix."""

import asyncio

from fastapi import FastAPI

from quant_shared.errors import install_error_handlers
from quant_shared.events import Event, InProcessEventBus
from quant_shared.events.admin_router import router as admin_events_router
from quant_shared.testing import bearer, running_app

from .test_nats_bus import wait_for


def admin_app(bus, settings) -> FastAPI:
    from quant_shared.lifespan import attach_state

    app = FastAPI()
    install_error_handlers(app)
    app.include_router(admin_events_router)
    attach_state(app, settings, [])
    app.state.event_bus = bus
    return app


async def test_poisoned_event_lands_in_dead_letters_and_is_replayed(
    nats_bus, settings, admin_token, user_token
):
    fixed = False
    attempts: list[int] = []
    applied: list[int] = []
    other: list[int] = []

    async def fragile(event: Event) -> None:
        attempts.append(event.payload["n"])
        if event.payload["n"] == 13 and not fixed:
            raise ValueError("cannot handle 13")
        applied.append(event.payload["n"])

    async def healthy(event: Event) -> None:
        other.append(event.payload["n"])

    nats_bus.subscribe("DataQualityIssueDetected", "fragile", fragile)
    nats_bus.subscribe("DataQualityIssueDetected", "healthy", healthy)
    await nats_bus.start()
    for n in (12, 13, 14):
        await nats_bus.publish(
            Event(type="DataQualityIssueDetected", producer="market_data", payload={"n": n})
        )
    await wait_for(lambda: attempts.count(13) == 3 and sorted(applied) == [12, 14])
    await asyncio.sleep(0.3)
    assert attempts.count(13) == 3  # max_deliver=3: no fourth try

    async with running_app(admin_app(nats_bus, settings)) as client:
        listed = await client.get("/admin/events/dead-letters", headers=bearer(admin_token))
        assert listed.status_code == 200
        [letter] = listed.json()
        assert letter["handler"] == "fragile" and letter["event"]["payload"] == {"n": 13}
        assert letter["error"] == "cannot handle 13" and letter["deliveries"] == 3
        forbidden = await client.get("/admin/events/dead-letters", headers=bearer(user_token))
        assert forbidden.status_code == 403
        fixed = True
        replay = await client.post(
            f"/admin/events/dead-letters/{letter['id']}/replay", headers=bearer(admin_token)
        )
        assert replay.status_code == 202
        await wait_for(lambda: 13 in applied)
        await asyncio.sleep(0.3)
        assert sorted(applied) == [12, 13, 14] and sorted(other) == [
            12,
            13,
            14,
        ]  # healthy skipped the replay
        assert (await client.get("/admin/events/dead-letters", headers=bearer(admin_token))).json() == []
        again = await client.post(
            f"/admin/events/dead-letters/{letter['id']}/replay", headers=bearer(admin_token)
        )
        assert again.status_code == 404


async def test_in_process_bus_keeps_failures_as_dead_letters():
    bus = InProcessEventBus()
    fail = {"on": True}
    done: list[str] = []

    async def handler(event: Event) -> None:
        if fail["on"]:
            raise RuntimeError("boom")
        done.append(event.id)

    bus.subscribe("UserDeleted", "cleanup", handler)
    event = Event(type="UserDeleted", producer="user", payload={"user_id": "u1"})
    await bus.publish(event)
    await bus.drain()
    [letter] = await bus.dead_letters()
    assert letter.handler == "cleanup" and letter.error == "boom" and letter.event.id == event.id
    fail["on"] = False
    await bus.replay(letter.id)
    assert done == [event.id] and await bus.dead_letters() == []
