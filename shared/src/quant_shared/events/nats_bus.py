"""The broker implementation of the event bus: NATS JetStream, durable consumers, dead letters."""

import asyncio
import contextlib
import logging
import os
import socket
from datetime import datetime, timedelta

from nats.aio.client import Client
from nats.js import JetStreamContext
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from quant_shared.errors import ServiceUnavailableError
from quant_shared.events import nats_dead_letters as dlq
from quant_shared.events.bus import EventBus, Handler
from quant_shared.events.dead_letter import DeadLetter
from quant_shared.events.idempotency import COLLECTION, ProcessedEvents
from quant_shared.events.nats_consumer import HandlerConsumer
from quant_shared.events.nats_streams import (
    connect,
    dead_letter_stream,
    ensure_stream,
    events_stream,
)
from quant_shared.events.outbox import OUTBOX_COLLECTION, record_event
from quant_shared.events.schema import Event
from quant_shared.events.settings import EventSettings
from quant_shared.timeutil import utcnow

log = logging.getLogger("quant.events")
PROCESS_LOOKBACK_SECONDS = 600  # longer than an access token lives


class NatsEventBus(EventBus):
    """Events on the ``<NS>_EVENTS`` stream; each (type, handler) pair is one durable consumer.

    Handlers are idempotent through ``ProcessedEvents`` (a Mongo collection in ``database``), so the
    at-least-once delivery of JetStream has at most one effect per handler.
    """

    def __init__(self, settings: EventSettings, database: AsyncDatabase | None = None) -> None:
        self.settings = settings
        self._nc: Client | None = None
        self._js: JetStreamContext | None = None
        self._lock = asyncio.Lock()
        self._subscriptions: list[tuple[str, str, Handler]] = []
        self._subscribed_at: dict[tuple[str, str], datetime] = {}
        self._per_process: set[str] = set()
        self._consumers: list[HandlerConsumer] = []
        self._background: set[asyncio.Task] = set()
        self._started = False
        self.processed: ProcessedEvents | None = None
        self._fallback: AsyncCollection | None = None
        if database is not None:
            self.use_database(database)

    def use_database(self, database: AsyncDatabase) -> None:
        self.processed = ProcessedEvents(database[COLLECTION], lease_seconds=self.settings.ack_wait_seconds)
        self._fallback = database[OUTBOX_COLLECTION]

    @property
    def js(self) -> JetStreamContext:
        if self._js is None:
            raise ServiceUnavailableError("The event broker is not connected")
        return self._js

    async def connect(self) -> JetStreamContext:
        async with self._lock:
            if self._js is None:
                s = self.settings
                name = f"quant-events@{socket.gethostname()}:{os.getpid()}"
                self._nc = await connect(s.nats_url, name)
                js = self._nc.jetstream(timeout=s.publish_timeout_seconds)
                await ensure_stream(
                    js,
                    events_stream(
                        s.events_stream,
                        s.namespace,
                        s.retention_days * 86400,
                        s.duplicate_window_seconds,
                    ),
                )
                await ensure_stream(js, dead_letter_stream(s.dead_letter_stream, s.namespace))
                self._js = js
            return self._js

    async def publish(self, event: Event) -> None:
        """Stored by the broker, or (broker unreachable) in the ``event_outbox`` collection that the
        outbox relay publishes from later: an event published directly is not lost either."""
        try:
            await self.publish_now(event)
        except ServiceUnavailableError as exc:
            if self._fallback is None:
                raise
            log.warning("event %s (%s) kept in the outbox: %s", event.id, event.type, exc)
            with contextlib.suppress(DuplicateKeyError):
                await record_event(self._fallback, event)

    async def publish_now(self, event: Event) -> None:
        """Stored by the broker when this returns (the outbox relay uses this); the event id
        de-duplicates a retried publish."""
        try:
            js = await self.connect()
            await js.publish(
                self.settings.subject(event.type),
                event.model_dump_json().encode(),
                headers={"Nats-Msg-Id": event.id},
                timeout=self.settings.publish_timeout_seconds,
            )
        except ServiceUnavailableError:
            raise
        except Exception as exc:
            raise ServiceUnavailableError(f"The event broker did not store the event: {exc}") from exc

    def subscribe(self, event_type: str, name: str, handler: Handler, since: datetime | None = None) -> None:
        if any(t == event_type and n == name for t, n, _ in self._subscriptions):
            raise ValueError(f"handler {name!r} is already subscribed to {event_type!r}")
        self._subscriptions.append((event_type, name, handler))
        self._subscribed_at[(event_type, name)] = since or utcnow()
        if self._started:
            self._spawn(self._start_consumer(event_type, name, handler))

    def subscribe_every_process(self, event_type: str, handler: Handler) -> None:
        """A consumer of this process's own, from a little before it started (it may have missed what
        its replicas saw), which the broker deletes once the process is gone."""
        name = f"process.{socket.gethostname()}.{os.getpid()}"
        self._per_process.add(name)
        since = utcnow() - timedelta(seconds=PROCESS_LOOKBACK_SECONDS)
        self.subscribe(event_type, name, handler, since)

    async def _start_consumer(self, event_type: str, name: str, handler: Handler) -> None:
        inactive = PROCESS_LOOKBACK_SECONDS if name in self._per_process else None
        consumer = HandlerConsumer(
            self, event_type, name, handler, self._subscribed_at.get((event_type, name)), inactive
        )
        await consumer.start()
        self._consumers.append(consumer)

    async def start(self) -> None:
        """Consumers start now, or as soon as the broker answers (the app does not wait for it)."""
        if self.processed is None:
            raise RuntimeError("NatsEventBus.use_database() must be called before start()")
        await self.processed.ensure_indexes()
        try:
            await self._activate()
        except Exception as exc:
            log.warning("event broker unreachable (%s): consumers start when it answers", exc)
            self._spawn(self._activate_later())

    async def _activate(self) -> None:
        await self.connect()
        running = {(c.event_type, c.name) for c in self._consumers}
        for event_type, name, handler in self._subscriptions:
            if (event_type, name) not in running:
                await self._start_consumer(event_type, name, handler)
        self._started = True

    async def _activate_later(self, delay: float = 0.5) -> None:
        while True:
            await asyncio.sleep(delay)
            try:
                return await self._activate()
            except Exception as exc:
                log.debug("event broker still unreachable: %s", exc)
                delay = min(delay * 2, 10.0)

    def _spawn(self, coro) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def wait_subscribed(self) -> None:
        """Wait until consumers of subscriptions made after ``start`` exist (tests)."""
        while self._background:
            await asyncio.gather(*list(self._background))

    async def close(self) -> None:
        self._started = False
        for task in list(self._background):
            task.cancel()
        for consumer in self._consumers:
            await consumer.stop()
        self._consumers.clear()
        if self._nc is not None:
            with contextlib.suppress(Exception):
                await self._nc.close()
        self._nc = self._js = None

    async def dead_letter(self, handler: str, data: bytes, error: str, deliveries: int, subject: str) -> None:
        await dlq.publish_dead_letter(self.js, self.settings, handler, data, error, deliveries, subject)

    async def dead_letters(self, limit: int = 100) -> list[DeadLetter]:
        return await dlq.list_dead_letters(await self.connect(), self.settings, limit)

    async def replay(self, dead_letter_id: str) -> DeadLetter:
        return await dlq.replay_dead_letter(await self.connect(), self.settings, dead_letter_id)
