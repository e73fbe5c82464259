"""The shared UserDeleted reaction removes exactly that user's owned documents, on any bus."""

import asyncio

from fastapi import APIRouter

from quant_shared.app_factory import build_app
from quant_shared.document import BaseDocument
from quant_shared.domain import DomainSpec
from quant_shared.events import InProcessEventBus, UserDeleted, make_event
from quant_shared.events.nats_bus import NatsEventBus
from quant_shared.events.reactions import purge_user_data
from quant_shared.testing import running_app

from .test_platform_wiring import Deployment


class Catalog(BaseDocument):  # not owned: never touched by the purge
    name: str

    class Settings:
        name = "catalog"


async def _seed() -> None:
    for owner in ("gone", "gone", "stays"):
        await Deployment(owner_id=owner, model_id="m").insert()
    await Catalog(name="shared").insert()


def _app(settings):
    spec = DomainSpec(name="signals", router=APIRouter(), documents=[Deployment, Catalog])
    return build_app(title="t", version="0", settings=settings, specs=[spec])


async def test_purge_on_the_in_process_bus(settings):
    async with running_app(_app(settings)):
        await _seed()
        bus = InProcessEventBus()
        bus.subscribe("UserDeleted", "signals.user_cleanup", purge_user_data([Deployment, Catalog]))
        await bus.publish(make_event(UserDeleted(user_id="gone"), producer="user"))
        await bus.drain()
        assert sorted(d.owner_id for d in await Deployment.find_all().to_list()) == ["stays"]
        assert await Catalog.count() == 1 and await bus.dead_letters() == []


async def test_purge_through_jetstream_is_idempotent(settings, event_settings, mongo_db):
    async with running_app(_app(settings)):
        await _seed()
        bus = NatsEventBus(event_settings, mongo_db)
        bus.subscribe("UserDeleted", "signals.user_cleanup", purge_user_data([Deployment]))
        await bus.start()
        try:
            event = make_event(UserDeleted(user_id="gone"), producer="user")
            await bus.publish(event)
            for _ in range(100):
                if await Deployment.find({"owner_id": "gone"}).count() == 0:
                    break
                await asyncio.sleep(0.05)
            assert sorted(d.owner_id for d in await Deployment.find_all().to_list()) == ["stays"]
            assert await bus.processed.is_done("signals.user_cleanup", event.id)
        finally:
            await bus.close()
