"""The lifespan picks the bus and the task dispatcher from settings; a domain's outbox is relayed."""

import asyncio

from fastapi import APIRouter, FastAPI

from quant_shared.app_factory import build_app
from quant_shared.document import OwnedDocument
from quant_shared.domain import DomainSpec
from quant_shared.enums import TaskStatus
from quant_shared.events import Event, InProcessEventBus
from quant_shared.events.admin_router import router as admin_events_router
from quant_shared.events.catalog import ModelDeployed, make_event, payload_of
from quant_shared.events.nats_bus import NatsEventBus
from quant_shared.events.outbox import OutboxMixin, insert_with_events
from quant_shared.tasks import Task
from quant_shared.testing import bearer, running_app
from quant_shared.workers import LocalDispatcher, NatsDispatcher

from .test_nats_bus import wait_for


class Deployment(OutboxMixin, OwnedDocument):
    model_id: str

    class Settings:
        name = "deployments"


def signal_domain(started: list[str]) -> DomainSpec:
    async def on_deployed(event: Event) -> None:
        started.extend(payload_of(event).symbols)

    async def startup(app: FastAPI) -> None:
        app.state.event_bus.subscribe("ModelDeployed", "signals.start", on_deployed)
        app.state.outbox.watch(Deployment)

    router = APIRouter()
    router.include_router(admin_events_router)
    return DomainSpec(name="signals", router=router, documents=[Deployment], on_startup=[startup])


async def deploy(app: FastAPI, owner: str, symbols: list[str]) -> Deployment:
    doc = Deployment(owner_id=owner, model_id="m1")
    event = make_event(
        ModelDeployed(model_id="m1", deployment_id=str(doc.id), owner_id=owner, symbols=symbols), "signals"
    )
    await insert_with_events(doc, event)
    app.state.outbox.notify()
    return doc


async def test_default_is_in_process(settings, monkeypatch):
    monkeypatch.delenv("QUANT_EVENTS_BACKEND", raising=False)
    monkeypatch.delenv("QUANT_WORKERS_BACKEND", raising=False)
    started: list[str] = []
    app = build_app(title="t", version="0", settings=settings, specs=[signal_domain(started)])
    async with running_app(app):
        assert isinstance(app.state.event_bus, InProcessEventBus)
        assert isinstance(app.state.task_dispatcher, LocalDispatcher)
        doc = await deploy(app, "u1", ["AAPL", "MSFT"])
        await wait_for(lambda: started == ["AAPL", "MSFT"])
        for _ in range(100):  # the relay pulls the event out of the document once published
            stored = await Deployment.get(doc.id)
            if not stored.pending_events:
                break
            await asyncio.sleep(0.05)
        assert stored.model_id == "m1" and stored.pending_events == []


async def test_nats_backends_from_environment(settings, event_settings, monkeypatch, admin_token):
    monkeypatch.setenv("QUANT_EVENTS_BACKEND", "nats")
    monkeypatch.setenv("QUANT_EVENTS_NATS_URL", event_settings.nats_url)
    monkeypatch.setenv("QUANT_EVENTS_NAMESPACE", event_settings.namespace)
    monkeypatch.setenv("QUANT_WORKERS_BACKEND", "nats")
    monkeypatch.setenv("QUANT_WORKERS_NATS_URL", event_settings.nats_url)
    started: list[str] = []
    app = build_app(title="t", version="0", settings=settings, specs=[signal_domain(started)])
    async with running_app(app) as client:
        assert isinstance(app.state.event_bus, NatsEventBus)
        assert isinstance(app.state.task_dispatcher, NatsDispatcher)
        await deploy(app, "u1", ["SPY"])
        await wait_for(lambda: started == ["SPY"])
        dead = await client.get("/admin/events/dead-letters", headers=bearer(admin_token))
        assert dead.status_code == 200 and dead.json() == []
        assert (await client.get("/admin/events/dead-letters")).status_code == 401


async def test_local_dispatcher_runs_a_named_function(settings, monkeypatch):
    monkeypatch.delenv("QUANT_WORKERS_BACKEND", raising=False)
    monkeypatch.syspath_prepend(str(__import__("pathlib").Path(__file__).parents[1] / "workers"))
    from worker_tasks import digest

    app = build_app(title="t", version="0", settings=settings, specs=[])
    async with running_app(app):
        dispatcher = app.state.task_dispatcher
        task = await dispatcher.dispatch(
            kind="hash",
            domain="system",
            owner_id="u1",
            fn="worker_tasks:digest",
            args={"text": "a", "rounds": 3},
        )
        await app.state.task_runner.wait(str(task.id))
        done = await Task.get(task.id)
        assert done.status == TaskStatus.COMPLETED and done.result == digest("a", 3)
        slow = await dispatcher.dispatch(
            kind="steps",
            domain="system",
            owner_id="u1",
            fn="worker_tasks:slow_steps",
            args={"steps": 2, "delay": 0},
        )
        await app.state.task_runner.wait(str(slow.id))
        assert (await Task.get(slow.id)).result == {"steps": 2, "attempt": 1, "task_id": str(slow.id)}
        bad = await dispatcher.dispatch(
            kind="bad",
            domain="system",
            owner_id="u1",
            fn="worker_tasks:explode",
            args={"message": "no"},
            on_failure="worker_tasks:note_failure",
        )
        await app.state.task_runner.wait(str(bad.id))
        failed = await Task.get(bad.id)
        assert failed.status == TaskStatus.FAILED and failed.message == "cleaned up after: no"
