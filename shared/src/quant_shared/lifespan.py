"""One lifespan for any set of domains: database, token verifier, task runner, domain hooks."""

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import FastAPI

from quant_shared.auth import TokenVerifier
from quant_shared.database import init_database
from quant_shared.domain import DomainSpec
from quant_shared.events.lifecycle import attach_messaging, start_messaging, stop_messaging
from quant_shared.http import ServiceClients
from quant_shared.settings import Settings
from quant_shared.tasks import TASKS_DOMAIN, Task, TaskRunner

log = logging.getLogger("quant.lifespan")


def attach_state(app: FastAPI, settings: Settings, specs: Sequence[DomainSpec]) -> None:
    app.state.settings = settings
    app.state.domains = {spec.name: spec for spec in specs}
    app.state.token_verifier = TokenVerifier(settings)
    app.state.task_runner = TaskRunner()
    app.state.service_clients = ServiceClients(app)
    attach_messaging(app)  # event bus, outbox relay, task dispatcher: QUANT_EVENTS_* / QUANT_WORKERS_*


def platform_lifespan(settings: Settings, specs: Sequence[DomainSpec]):
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        attach_state(app, settings, specs)
        documents = {spec.name: list(spec.documents) for spec in specs}
        documents[TASKS_DOMAIN] = [Task]
        app.state.mongo = await init_database(settings, documents)
        runner: TaskRunner = app.state.task_runner
        recovered = await runner.recover([spec.name for spec in specs])
        if recovered:
            log.warning("marked %d interrupted task(s) as failed", recovered)
        for spec in specs:
            for hook in spec.on_startup:
                await hook(app)
        await start_messaging(app)
        try:
            yield
        finally:
            for spec in reversed(list(specs)):
                for hook in spec.on_shutdown:
                    await hook(app)
            await runner.shutdown()
            await stop_messaging(app)
            await app.state.service_clients.aclose()
            await app.state.mongo.close()

    return lifespan
