"""Event bus interface and its in-process implementation (the embedded default).

The broker implementation (NATS JetStream) is ``quant_shared.events.nats_bus.NatsEventBus``.
"""

import asyncio
import logging
import uuid
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable

from quant_shared.errors import NotFoundError
from quant_shared.events.dead_letter import DeadLetter
from quant_shared.events.schema import Event

log = logging.getLogger("quant.events")
Handler = Callable[[Event], Awaitable[None]]


class EventBus:
    """``publish`` an event to every handler ``subscribe``d to its type (each handler has a unique name)."""

    async def publish(self, event: Event) -> None:
        raise NotImplementedError

    def subscribe(self, event_type: str, name: str, handler: Handler) -> None:
        raise NotImplementedError

    def subscribe_every_process(self, event_type: str, handler: Handler) -> None:
        """Every process gets every event of the type (a handler's name is shared by a domain's
        replicas, which then share its events): for state each process keeps, such as revocations."""
        self.subscribe(event_type, f"process.{event_type}", handler)

    async def start(self) -> None:
        """Begin delivering to the handlers subscribed so far (later subscriptions start on their own)."""

    async def close(self) -> None:
        """Stop delivering and release connections."""

    async def dead_letters(self, limit: int = 100) -> list[DeadLetter]:
        """Events a handler gave up on, oldest first."""
        return []

    async def replay(self, dead_letter_id: str) -> DeadLetter:
        """Deliver a dead letter to its handler again and remove it from the dead letters."""
        raise NotFoundError(f"Dead letter {dead_letter_id} not found")


class InProcessEventBus(EventBus):
    """Delivers to every subscriber in this process; a handler's failure is logged, not propagated.

    Each handler gets its events one at a time, in publish order (as from a NATS durable consumer, which
    fetches one at a time), so e.g. the parts of a large ingest are applied in turn.

    Failed deliveries are kept (in memory, the newest 1000) as dead letters an admin can replay.
    """

    def __init__(self) -> None:
        self._handlers: dict[str, list[tuple[str, Handler]]] = defaultdict(list)
        self._pending: set[asyncio.Task] = set()
        self._turns: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)  # per handler; FIFO
        self._dead: deque[DeadLetter] = deque(maxlen=1000)

    def subscribe(self, event_type: str, name: str, handler: Handler) -> None:
        self._handlers[event_type].append((name, handler))

    async def _deliver(self, name: str, handler: Handler, event: Event) -> bool:
        try:
            async with self._turns[name]:
                await handler(event)
        except Exception as exc:
            log.exception("handler %s failed on event %s (%s)", name, event.id, event.type)
            error = str(exc) or type(exc).__name__
            self._dead.append(
                DeadLetter(id=uuid.uuid4().hex, handler=name, event=event, error=error, deliveries=1)
            )
            return False
        return True

    async def publish(self, event: Event) -> None:
        for name, handler in self._handlers.get(event.type, []):
            task = asyncio.create_task(self._deliver(name, handler, event))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

    async def drain(self) -> None:
        while self._pending:
            await asyncio.gather(*list(self._pending))

    async def dead_letters(self, limit: int = 100) -> list[DeadLetter]:
        return list(self._dead)[:limit]

    async def replay(self, dead_letter_id: str) -> DeadLetter:
        letter = next((d for d in self._dead if d.id == dead_letter_id), None)
        if letter is None:
            raise NotFoundError(f"Dead letter {dead_letter_id} not found")
        self._dead.remove(letter)
        for name, handler in self._handlers.get(letter.event.type, []):
            if name == letter.handler:
                await self._deliver(name, handler, letter.event)
        return letter
