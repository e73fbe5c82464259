"""Event bus interface and its in-process implementation (the embedded default)."""

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable

from quant_shared.events.schema import Event

log = logging.getLogger("quant.events")
Handler = Callable[[Event], Awaitable[None]]


class EventBus:
    async def publish(self, event: Event) -> None:
        raise NotImplementedError

    def subscribe(self, event_type: str, name: str, handler: Handler) -> None:
        raise NotImplementedError


class InProcessEventBus(EventBus):
    """Delivers to every subscriber in this process; a handler's failure is logged, not propagated."""

    def __init__(self) -> None:
        self._handlers: dict[str, list[tuple[str, Handler]]] = defaultdict(list)
        self._pending: set[asyncio.Task] = set()

    def subscribe(self, event_type: str, name: str, handler: Handler) -> None:
        self._handlers[event_type].append((name, handler))

    async def _deliver(self, name: str, handler: Handler, event: Event) -> None:
        try:
            await handler(event)
        except Exception:
            log.exception("handler %s failed on event %s (%s)", name, event.id, event.type)

    async def publish(self, event: Event) -> None:
        for name, handler in self._handlers.get(event.type, []):
            task = asyncio.create_task(self._deliver(name, handler, event))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

    async def drain(self) -> None:
        while self._pending:
            await asyncio.gather(*list(self._pending))
