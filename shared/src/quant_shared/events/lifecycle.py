"""Messaging in the platform lifespan: event bus, outbox relay and task dispatcher chosen by settings.

``QUANT_EVENTS_BACKEND`` / ``QUANT_WORKERS_BACKEND``: ``inprocess`` (default) or ``nats``.
"""

from fastapi import FastAPI

from quant_shared.events.access import subscribe_revocations
from quant_shared.events.bus import EventBus, InProcessEventBus
from quant_shared.events.outbox import OUTBOX_COLLECTION
from quant_shared.events.outbox_relay import OutboxRelay
from quant_shared.events.settings import EventSettings
from quant_shared.tasks import TASKS_DOMAIN


def create_event_bus(settings: EventSettings) -> EventBus:
    if settings.backend == "nats":
        from quant_shared.events.nats_bus import NatsEventBus

        return NatsEventBus(settings)
    return InProcessEventBus()


def attach_messaging(app: FastAPI) -> None:
    """``app.state.event_bus``, ``.outbox`` (relay), ``.task_dispatcher`` and a queue-aware task runner."""
    from quant_shared.workers import (
        LocalDispatcher,
        NatsDispatcher,
        QueueAwareTaskRunner,
        WorkerSettings,
    )

    events = EventSettings()
    app.state.event_settings = events
    app.state.event_bus = create_event_bus(events)
    app.state.outbox = OutboxRelay(app.state.event_bus, interval=events.outbox_interval_seconds)
    app.state.task_runner = QueueAwareTaskRunner()
    workers = WorkerSettings()
    app.state.task_dispatcher = NatsDispatcher(workers) if workers.backend == "nats" else LocalDispatcher(app)


async def start_messaging(app: FastAPI) -> None:
    """After the domains' start-up hooks (which subscribe handlers and ``outbox.watch`` collections)."""
    bus: EventBus = app.state.event_bus
    system_db = app.state.mongo[app.state.settings.database_name(TASKS_DOMAIN)]
    if hasattr(bus, "use_database"):
        bus.use_database(system_db)
    subscribe_revocations(app)  # revoked access reaches this process's token verifier
    await bus.start()
    app.state.outbox.watch(system_db[OUTBOX_COLLECTION])
    app.state.outbox.start()


async def stop_messaging(app: FastAPI) -> None:
    await app.state.outbox.stop()
    await app.state.event_bus.close()
    await app.state.task_dispatcher.close()
