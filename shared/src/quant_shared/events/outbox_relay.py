"""The relay: publishes the events waiting in outbox documents and removes each once stored by the bus."""

import asyncio
import contextlib
import logging

from pymongo.asynchronous.collection import AsyncCollection

from quant_shared.events.bus import EventBus
from quant_shared.events.outbox import OUTBOX_FIELD, PENDING, Target, collection_of
from quant_shared.events.schema import Event

log = logging.getLogger("quant.events.outbox")


class OutboxRelay:
    """Polls the watched collections (and wakes up on ``notify()``); retries with backoff while the
    broker is down. Publishing is at least once: the event id de-duplicates on the broker and in the
    idempotent handlers."""

    def __init__(self, bus: EventBus, interval: float = 1.0, max_interval: float = 30.0) -> None:
        self.bus = bus
        self.interval = interval
        self.max_interval = max_interval
        self._targets: list[Target] = []
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None
        self._stopping = False
        self._lock = asyncio.Lock()  # one pass at a time: a pass never resends what another just sent
        self._indexed: set[str] = set()  # collections whose outbox field is known to be indexed

    async def _publish(self, event: Event) -> None:
        """The bus's raising publish: a failure must stop the pass, not park the event elsewhere."""
        await getattr(self.bus, "publish_now", self.bus.publish)(event)

    def watch(self, target: Target) -> None:
        """Relay the outbox of this Beanie document class or collection."""
        self._targets.append(target)

    def notify(self) -> None:
        """Publish now rather than at the next poll (call after writing events)."""
        self._wake.set()

    async def _flush_collection(self, collection: AsyncCollection) -> int:
        sent = 0
        if collection.full_name not in self._indexed:  # each poll reads only documents with events
            await collection.create_index([(OUTBOX_FIELD, 1)])
            self._indexed.add(collection.full_name)
        cursor = collection.find(PENDING, {OUTBOX_FIELD: 1})
        async for doc in cursor:
            for raw in doc.get(OUTBOX_FIELD) or []:
                event = Event.model_validate(raw)
                await self._publish(event)
                # the exact stored element: FerretDB's $pull matches whole values only
                await collection.update_one({"_id": doc["_id"]}, {"$pull": {OUTBOX_FIELD: raw}})
                sent += 1
        return sent

    async def flush(self) -> int:
        """One pass over every watched collection; raises if the bus cannot take an event."""
        sent = 0
        async with self._lock:
            for target in self._targets:
                sent += await self._flush_collection(collection_of(target))
        return sent

    async def send_now(self) -> int:
        """Publish what is pending now (producers call it after writing events); never raises: with the
        broker away the events stay in their documents and the relay's loop sends them later."""
        try:
            return await self.flush()
        except Exception as exc:
            log.warning("outbox: events left for the relay: %s", exc)
            self.notify()
            return 0

    async def _loop(self) -> None:
        delay = self.interval
        while not self._stopping:
            try:
                await self.flush()
                delay = self.interval
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # broker (or database) away: the events stay and wait
                log.warning("outbox relay paused %.1fs: %s", delay, exc)
                delay = min(delay * 2, self.max_interval)
            if self._stopping:
                return
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(delay):
                    await self._wake.wait()
            self._wake.clear()

    def start(self) -> None:
        if self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self._loop(), name="outbox-relay")

    async def stop(self) -> None:
        """Stop the loop; the flag ends it even when a cancellation is swallowed by a racing wake-up."""
        if self._task is not None:
            self._stopping = True
            self._wake.set()
            while not self._task.done():
                self._task.cancel()
                await asyncio.wait({self._task}, timeout=1.0)
            with contextlib.suppress(asyncio.CancelledError, Exception):
                self._task.result()
            self._task = None
