"""Publish/subscribe through a real JetStream: every handler gets each event once, durable consumers."""

import asyncio

import pytest

from quant_shared.events import Event
from quant_shared.events.catalog import BacktestCompleted, make_event, payload_of


async def wait_for(predicate, timeout: float = 10.0) -> None:
    for _ in range(int(timeout / 0.05)):
        if predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")


async def test_each_handler_receives_each_event_once(nats_bus):
    seen: dict[str, list[str]] = {"perf": [], "narrative": []}

    async def perf(event: Event) -> None:
        seen["perf"].append(payload_of(event).backtest_id)

    async def narrative(event: Event) -> None:
        seen["narrative"].append(event.payload["backtest_id"])

    nats_bus.subscribe("BacktestCompleted", "performance", perf)
    nats_bus.subscribe("BacktestCompleted", "narrative", narrative)
    await nats_bus.start()
    events = [make_event(BacktestCompleted(backtest_id=f"b{i}", owner_id="u1"), "trading") for i in range(5)]
    for event in events:
        await nats_bus.publish(event)
    await nats_bus.publish(events[0])  # a retried publish of the same event: de-duplicated by id
    await nats_bus.publish(Event(type="ModelDeployed", producer="ml", payload={}))  # nobody listens
    await wait_for(lambda: len(seen["perf"]) >= 5 and len(seen["narrative"]) >= 5)
    await asyncio.sleep(0.3)
    assert sorted(seen["perf"]) == [f"b{i}" for i in range(5)]
    assert sorted(seen["narrative"]) == [f"b{i}" for i in range(5)]


async def test_redelivered_event_has_no_second_effect(nats_bus, mongo_db):
    effects: list[str] = []

    async def handler(event: Event) -> None:
        effects.append(event.id)

    nats_bus.subscribe("UserDeleted", "cleanup", handler)
    await nats_bus.start()
    event = Event(type="UserDeleted", producer="user", payload={"user_id": "u9"})
    await nats_bus.publish(event)
    await wait_for(lambda: effects == [event.id])
    # the broker delivering the same event again (a new message, e.g. a replay): the handler skips it
    js = nats_bus.js
    await js.publish(nats_bus.settings.subject("UserDeleted"), event.model_dump_json().encode())
    await asyncio.sleep(0.5)
    assert effects == [event.id]
    assert await nats_bus.processed.is_done("cleanup", event.id)


async def test_durable_consumer_resumes_after_restart_of_the_subscriber(event_settings, mongo_db):
    from quant_shared.events.nats_bus import NatsEventBus

    got: list[str] = []

    async def handler(event: Event) -> None:
        got.append(event.payload["n"])

    first = NatsEventBus(event_settings, mongo_db)
    first.subscribe("MarketDataIngested", "features", handler)
    await first.start()
    await first.close()  # the subscriber is down; its durable consumer keeps its place
    producer = NatsEventBus(event_settings, mongo_db)
    for n in range(3):
        await producer.publish(Event(type="MarketDataIngested", producer="market_data", payload={"n": n}))
    second = NatsEventBus(event_settings, mongo_db)
    second.subscribe("MarketDataIngested", "features", handler)
    await second.start()
    try:
        await wait_for(lambda: len(got) == 3)
        assert got == [0, 1, 2]
    finally:
        await second.close()
        await producer.close()


async def test_bus_started_while_the_broker_is_down_catches_up(nats_server, event_settings, mongo_db):
    from quant_shared.errors import ServiceUnavailableError
    from quant_shared.events.nats_bus import NatsEventBus
    from quant_shared.events.outbox_relay import OutboxRelay

    got: list[int] = []

    async def handler(event: Event) -> None:
        got.append(event.payload["n"])

    nats_server.stop()
    bus = NatsEventBus(event_settings, mongo_db)
    bus.subscribe("ModelDeployed", "signals", handler)
    relay = OutboxRelay(bus, interval=0.2, max_interval=0.5)
    relay.watch(mongo_db["event_outbox"])
    try:
        await asyncio.wait_for(bus.start(), 15)  # does not wait for the broker
        with pytest.raises(ServiceUnavailableError):
            await bus.publish_now(Event(type="ModelDeployed", producer="ml", payload={"n": -1}))
        await bus.publish(Event(type="ModelDeployed", producer="ml", payload={"n": 0}))  # parked
        assert await mongo_db["event_outbox"].count_documents({}) == 1
        relay.start()
        nats_server.start()
        await wait_for(lambda: bus._started, timeout=20)
        await bus.publish(Event(type="ModelDeployed", producer="ml", payload={"n": 1}))
        await wait_for(lambda: sorted(got) == [0, 1], timeout=20)
    finally:
        if nats_server.process is None:
            nats_server.start()
        await relay.stop()
        await bus.close()
