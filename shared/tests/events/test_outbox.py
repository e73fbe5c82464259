"""Outbox: state + event in one write; broker stopped while producing; each effect exactly once."""

import asyncio

from quant_shared.events import Event
from quant_shared.events.nats_bus import NatsEventBus
from quant_shared.events.outbox import OUTBOX_FIELD, record_event, update_with_events, with_events
from quant_shared.events.outbox_relay import OutboxRelay


def test_with_events_merges_into_the_update():
    event = Event(type="UserDeleted", producer="user", payload={"user_id": "u1"})
    update = with_events({"$set": {"deleted": True}}, event)
    assert update["$set"] == {"deleted": True}
    assert update["$push"][OUTBOX_FIELD]["$each"][0]["id"] == event.id
    assert with_events({"$set": {"a": 1}}) == {"$set": {"a": 1}}


async def test_state_and_event_are_one_write(mongo_db):
    orders = mongo_db["orders"]
    await orders.insert_one({"_id": "o1", "status": "new"})
    event = Event(type="OrderFilled", producer="trading", payload={"order_id": "o1"})
    missed = await update_with_events(orders, {"_id": "o1", "status": "cancelled"}, {"$set": {"x": 1}}, event)
    assert missed.matched_count == 0
    assert (await orders.find_one({"_id": "o1"})).get(OUTBOX_FIELD) is None  # no change, no event
    await update_with_events(orders, {"_id": "o1"}, {"$set": {"status": "filled"}}, event)
    doc = await orders.find_one({"_id": "o1"})
    assert doc["status"] == "filled" and [e["id"] for e in doc[OUTBOX_FIELD]] == [event.id]


async def test_broker_down_while_producing_then_every_event_once(nats_server, event_settings, mongo_db):
    effects = mongo_db["effects"]

    async def ledger(event: Event) -> None:
        await effects.insert_one({"event_id": event.id, "n": event.payload["n"]})

    consumer = NatsEventBus(event_settings, mongo_db)
    consumer.subscribe("MarketDataIngested", "ledger", ledger)
    await consumer.start()
    producer = NatsEventBus(event_settings, mongo_db)
    relay = OutboxRelay(producer, interval=0.1, max_interval=0.5)
    relay.watch(mongo_db["symbols"])
    relay.watch(mongo_db["event_outbox"])
    relay.start()

    async def produce(n: int) -> None:
        event = Event(type="MarketDataIngested", producer="market_data", payload={"n": n})
        if n % 2:
            await record_event(mongo_db["event_outbox"], event)
        else:
            await mongo_db["symbols"].update_one(
                {"_id": f"S{n}"}, with_events({"$set": {"bars": n}}, event), upsert=True
            )
        relay.notify()

    async def effect_count() -> int:
        return await effects.count_documents({})

    try:
        for n in range(4):
            await produce(n)
        await _until(lambda: effect_count(), 4)
        nats_server.stop()
        for n in range(4, 10):
            await produce(n)
        await asyncio.sleep(1.0)
        pending = await mongo_db["symbols"].count_documents({f"{OUTBOX_FIELD}.0": {"$exists": True}})
        pending += await mongo_db["event_outbox"].count_documents({f"{OUTBOX_FIELD}.0": {"$exists": True}})
        assert pending == 6 and await effect_count() == 4  # nothing lost, nothing delivered yet
        assert (await mongo_db["symbols"].find_one({"_id": "S8"}))["bars"] == 8  # state written anyway
        nats_server.start()
        await _until(lambda: effect_count(), 10, timeout=30)
        await asyncio.sleep(1.0)  # room for any duplicate delivery to show up
        ns = sorted([d["n"] async for d in effects.find({})])
        assert ns == list(range(10))
        assert await mongo_db["symbols"].count_documents({f"{OUTBOX_FIELD}.0": {"$exists": True}}) == 0
    finally:
        if nats_server.process is None:
            nats_server.start()
        await relay.stop()
        await producer.close()
        await consumer.close()


async def _until(count, expected: int, timeout: float = 15.0) -> None:
    for _ in range(int(timeout / 0.1)):
        if await count() >= expected:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"expected {expected}, got {await count()}")


class _Recorder:
    """A bus that keeps what the relay publishes (the relay is under test, not the broker)."""

    def __init__(self) -> None:
        self.published: list[str] = []

    async def publish(self, event: Event) -> None:
        await asyncio.sleep(0)  # let the domain's writes interleave with the relay's pass
        self.published.append(event.id)


async def test_relay_passes_during_domain_updates_lose_no_state_and_no_event(mongo_db):
    """The relay's $pull and the domain's own updates of one document at once (the embedded
    FerretDB serializes them; stock FerretDB lost state changes or events here)."""
    orders = mongo_db["race_orders"]
    await orders.insert_one({"_id": "o1", "fills": 0, OUTBOX_FIELD: []})
    bus = _Recorder()
    relay = OutboxRelay(bus)
    relay.watch(orders)
    emitted: list[str] = []

    async def fill(n: int) -> None:
        event = Event(type="OrderFilled", producer="trading", payload={"n": n})
        emitted.append(event.id)
        await update_with_events(orders, {"_id": "o1"}, {"$inc": {"fills": 1}}, event)

    async def touch() -> None:
        await orders.update_one({"_id": "o1"}, {"$inc": {"touches": 1}})

    for round_ in range(10):
        await asyncio.gather(*(fill(round_ * 4 + k) for k in range(4)), touch(), relay.flush(), relay.flush())
    await relay.flush()
    doc = await orders.find_one({"_id": "o1"})
    assert doc["fills"] == 40 and doc["touches"] == 10
    assert doc[OUTBOX_FIELD] == []
    assert sorted(bus.published) == sorted(emitted)  # each event once, none lost
