import uuid

import pytest

from quant_shared.database import make_client
from quant_shared.events.nats_bus import NatsEventBus
from quant_shared.events.settings import EventSettings


@pytest.fixture
def event_settings(nats_url: str) -> EventSettings:
    """Settings on the session's nats-server, with a namespace (streams, consumers) of this test's own."""
    return EventSettings(
        backend="nats",
        nats_url=nats_url,
        namespace=f"t{uuid.uuid4().hex[:8]}",
        max_deliver=3,
        backoff_seconds=[0.1, 0.2],
        ack_wait_seconds=2.0,
        outbox_interval_seconds=0.1,
        _env_file=None,
    )


@pytest.fixture
async def mongo_db(settings):
    client = make_client(settings.mongodb_url)
    yield client[settings.database_name("system")]
    await client.close()


@pytest.fixture
async def nats_bus(event_settings, mongo_db):
    bus = NatsEventBus(event_settings, mongo_db)
    yield bus
    await bus.close()
