"""One durable JetStream pull consumer per (event type, handler): retries, idempotency, dead letters."""

import asyncio
import contextlib
import logging
from datetime import datetime
from typing import TYPE_CHECKING

import nats.errors
from nats.aio.msg import Msg
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from pydantic import ValidationError

from quant_shared.events.bus import Handler
from quant_shared.events.dead_letter import one_line
from quant_shared.events.keepalive import keep_alive
from quant_shared.events.nats_streams import durable_name
from quant_shared.events.schema import Event
from quant_shared.timeutil import utcnow

if TYPE_CHECKING:
    from quant_shared.events.nats_bus import NatsEventBus

log = logging.getLogger("quant.events")


class HandlerConsumer:
    """Pulls the events of one type for one handler; at-least-once delivery, at-most-once effect."""

    def __init__(
        self,
        bus: "NatsEventBus",
        event_type: str,
        name: str,
        handler: Handler,
        subscribed_at: datetime | None = None,
        inactive_seconds: float | None = None,
    ) -> None:
        self.bus, self.event_type, self.name, self.handler = bus, event_type, name, handler
        self.durable = durable_name(bus.settings.namespace, name, event_type)
        self._task: asyncio.Task | None = None
        self.subscribed_at = subscribed_at or utcnow()
        self.inactive_seconds = inactive_seconds  # a process's own consumer: the broker drops it after

    def config(self) -> ConsumerConfig:
        s = self.bus.settings
        return ConsumerConfig(
            durable_name=self.durable,
            ack_policy=AckPolicy.EXPLICIT,
            # a new handler gets the events published since it subscribed (even before its consumer
            # existed, e.g. while the broker was down), not the stream's whole history
            deliver_policy=DeliverPolicy.BY_START_TIME,
            opt_start_time=self.subscribed_at,
            filter_subject=s.subject(self.event_type),
            ack_wait=s.ack_wait_seconds,
            max_deliver=-1,  # the handler decides when to give up (dead letter), see _handle
            max_ack_pending=1000,
            inactive_threshold=self.inactive_seconds,
        )

    async def start(self) -> None:
        js = self.bus.js
        sub = await js.pull_subscribe(
            self.bus.settings.subject(self.event_type),
            durable=self.durable,
            stream=self.bus.settings.events_stream,
            config=self.config(),
        )
        self._task = asyncio.create_task(self._loop(sub), name=f"consumer-{self.durable}")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _loop(self, sub) -> None:
        while True:
            try:
                messages = await sub.fetch(batch=1, timeout=1.0)  # one at a time: ack_wait covers only it
            except (TimeoutError, nats.errors.TimeoutError):
                continue
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # broker away: the connection reconnects by itself
                log.debug("consumer %s fetch failed: %s", self.durable, exc)
                await asyncio.sleep(0.5)
                continue
            for msg in messages:
                try:
                    await self._handle(msg)
                except asyncio.CancelledError:
                    raise
                except Exception:  # never let one message stop the consumer; it is redelivered
                    log.exception("consumer %s could not settle a message", self.durable)

    async def _handle(self, msg: Msg) -> None:
        settings = self.bus.settings
        deliveries = msg.metadata.num_delivered
        try:
            event = Event.model_validate_json(msg.data)
        except ValidationError as exc:
            await self.bus.dead_letter(self.name, msg.data, f"not an event: {exc}", deliveries, msg.subject)
            await msg.ack()
            return
        if deliveries > settings.max_deliver:  # earlier attempts never answered (hung or killed)
            if await self.bus.processed.is_done(self.name, event.id):
                await msg.ack()
                return
            reason = f"no ack after {deliveries - 1} deliveries"
            await self.bus.dead_letter(self.name, msg.data, reason, deliveries, msg.subject)
            await msg.ack()
            return
        claim = await self.bus.processed.claim(self.name, event.id)
        if claim == "done":
            await msg.ack()
            return
        if claim == "busy":
            await msg.nak(delay=settings.backoff(1))
            return
        try:
            async with keep_alive(msg, settings.ack_wait_seconds):
                await self.handler(event)
        except Exception as exc:
            await self.bus.processed.release(self.name, event.id)
            error = one_line(str(exc) or type(exc).__name__)
            if deliveries >= settings.max_deliver:
                log.error("handler %s gave up on event %s: %s", self.name, event.id, error)
                await self.bus.dead_letter(self.name, msg.data, error, deliveries, msg.subject)
                await msg.ack()
            else:
                log.warning(
                    "handler %s failed on event %s (try %d): %s",
                    self.name,
                    event.id,
                    deliveries,
                    error,
                )
                await msg.nak(delay=settings.backoff(deliveries))
            return
        await self.bus.processed.done(self.name, event.id)
        await msg.ack()
