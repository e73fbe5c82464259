"""Chunks of a shared optimisation dealt by its coordinator over the broker: no database per chunk.

The coordinator's ``Dealer`` listens on two subjects of its run and announces each batch it deals
on a third (helpers waiting for work wake up at once: ``Waker``). A helper asks for work (``ask``):
the dealer hands it the batch's last open chunk (the coordinator itself takes them from the first,
``take``), and notes when. The helper sends the chunk's outputs back (``deliver``); the
dealer keeps those of its current batch and replies. A chunk dealt long ago and still without
outputs (its helper died, or its outputs could not be sent) is the coordinator's to evaluate
(``expire``), never dealt again: long is ``SLACK`` times what the coordinator's own trials took for
that many trials, at least ``MIN_LEASE_SECONDS``, at most the lease. Deals and outputs live in the
coordinator's memory only: if it dies, its task is redelivered and the run starts over, as with any
task.
"""

import asyncio
import json
import time
from collections import deque
from typing import Any

import nats.errors

ASK_TIMEOUT_SECONDS = 1.0  # the dealer answers in well under a millisecond: its loop is free
DELIVER_TIMEOUT_SECONDS = 2.0
DELIVER_ATTEMPTS = 3  # then the coordinator takes the chunk back (``Dealer.expire``)
NONE, KEPT = b"none", b"kept"
SLACK = 4.0  # a helper may be this much slower than the coordinator before its chunk is taken back
MIN_LEASE_SECONDS = 5.0


def subject(run_id: str, what: str) -> str:
    return f"quant.optimization.{run_id}.{what}"


class Dealer:
    def __init__(self) -> None:
        self.batch: str | None = None
        self.chunks: dict[int, dict] = {}  # the current batch's chunks by seq
        self.open: deque[int] = deque()  # seqs nobody has: the coordinator's end first
        self.retake: list[int] = []  # seqs whose helper's lease ran out: the coordinator's
        self.dealt: dict[int, float] = {}  # seq -> when it was dealt
        self.arrived: dict[int, list[dict]] = {}  # the helpers' outputs of the current batch
        self.event = asyncio.Event()
        self.subscriptions: list = []
        self.nc, self.run_id = None, ""

    async def listen(self, nc: Any, run_id: str) -> None:
        self.nc, self.run_id = nc, run_id
        self.subscriptions = [
            await nc.subscribe(subject(run_id, "next"), cb=self._next),
            await nc.subscribe(subject(run_id, "outputs"), cb=self._outputs),
        ]
        await nc.flush()  # the server knows of them before any helper asks

    async def deal(self, batch: str | None, chunks: list[dict]) -> None:
        """Start dealing ``batch`` (None: stop dealing), and say so to the waiting helpers."""
        self.batch, self.chunks = batch, {c["seq"]: c for c in chunks}
        self.open = deque(sorted(self.chunks))
        self.retake, self.dealt, self.arrived = [], {}, {}
        if batch is not None and self.nc is not None:
            await self.nc.publish(subject(self.run_id, "dealt"), batch.encode())

    def take(self) -> dict | None:
        """The coordinator's next chunk (taken back, else from the first), or None when all are out."""
        if self.retake:
            return self.chunks[self.retake.pop()]
        return self.chunks[self.open.popleft()] if self.open else None

    def received(self) -> dict[int, list[dict]]:
        """The outputs arrived since the last call."""
        arrived, self.arrived = self.arrived, {}
        return arrived

    def expire(self, lease_seconds: float, done: set[int] | dict, per_trial: float | None = None) -> int:
        """Take back the chunks dealt too long ago and not in ``done``; how many. ``per_trial``: the
        coordinator's seconds per trial (None: the lease alone)."""
        now = time.monotonic()
        for seq, when in list(self.dealt.items()):
            limit = lease_seconds
            if per_trial is not None:
                expected = SLACK * per_trial * len(self.chunks[seq]["points"])
                limit = min(lease_seconds, max(MIN_LEASE_SECONDS, expected))
            if seq not in done and seq not in self.arrived and now - when > limit:
                del self.dealt[seq]
                self.retake.append(seq)
        return len(self.retake)

    async def wait(self, seconds: float) -> None:
        """Until outputs arrive, at most ``seconds``."""
        await _wait(self.event, seconds)

    async def _next(self, msg) -> None:
        if not self.open:
            await msg.respond(NONE)
            return
        seq = self.open.pop()
        self.dealt[seq] = time.monotonic()
        await msg.respond(_pack({"batch": self.batch, **self.chunks[seq]}))

    async def _outputs(self, msg) -> None:
        body = _unpack(msg.data)
        if body["batch"] != self.batch:  # an ended batch's, or another attempt's: not ours to take
            return
        self.arrived[body["seq"]] = body["outputs"]
        self.event.set()
        await msg.respond(KEPT)

    async def close(self) -> None:
        await self.deal(None, [])
        for subscription in self.subscriptions:
            await subscription.unsubscribe()
        self.subscriptions = []


class Waker:
    """A helper's ear for its run's new batches: ``wait`` returns when one is dealt (or after
    ``seconds``)."""

    def __init__(self) -> None:
        self.event = asyncio.Event()
        self.subscription = None

    async def listen(self, nc: Any, run_id: str) -> None:
        self.subscription = await nc.subscribe(subject(run_id, "dealt"), cb=self._dealt)

    async def _dealt(self, msg) -> None:
        self.event.set()

    async def wait(self, seconds: float) -> None:
        await _wait(self.event, seconds)

    async def close(self) -> None:
        if self.subscription is not None:
            await self.subscription.unsubscribe()


async def ask(nc: Any, run_id: str) -> dict | None:
    """A helper's next chunk of the run, or None (nothing open, or no coordinator listening)."""
    try:
        reply = await nc.request(subject(run_id, "next"), timeout=ASK_TIMEOUT_SECONDS)
    except (nats.errors.Error, TimeoutError):
        return None
    return None if reply.data == NONE else _unpack(reply.data)


async def deliver(nc: Any, run_id: str, chunk: dict, outputs: list[dict]) -> bool:
    """Send a chunk's outputs to the coordinator; whether it kept them."""
    body = _pack({"batch": chunk["batch"], "seq": chunk["seq"], "outputs": outputs})
    for _ in range(DELIVER_ATTEMPTS):
        try:
            reply = await nc.request(subject(run_id, "outputs"), body, timeout=DELIVER_TIMEOUT_SECONDS)
            return reply.data == KEPT
        except nats.errors.NoRespondersError:  # the coordinator is gone
            return False
        except (nats.errors.Error, TimeoutError):  # the broker reconnecting, or the batch not its own
            continue
    return False


async def _wait(event: asyncio.Event, seconds: float) -> None:
    """Until ``event`` is set (then cleared), at most ``seconds``."""
    try:
        await asyncio.wait_for(event.wait(), seconds)
    except TimeoutError:
        pass
    event.clear()


def _pack(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def _unpack(packed: bytes) -> Any:
    return json.loads(packed)
