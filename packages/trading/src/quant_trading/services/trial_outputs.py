"""Where a helper's chunk outputs go: to the coordinator over the broker, else into the database.

A helper sends a chunk's outputs to its run's subject as a request (``send``); the coordinator's
``Inbox`` keeps them and replies, and only then are they handed over. Without a reply (no broker, the
coordinator gone, a payload over the broker's limit) they are stored as an
``OptimizationWorkOutput`` (``store``), which the coordinator reads as well (``read_new``). The
broker saves the database an insert and a read per chunk, and the coordinator hears of a finished
chunk at once rather than at its next look.
"""

import asyncio
import json
from typing import Any

import nats.errors
from pymongo.errors import DuplicateKeyError

from quant_shared.timeutil import utcnow
from quant_trading.services import trial_claims as claims

SEND_TIMEOUT_SECONDS = 2.0  # a reply takes a few ms: the coordinator's loop is free while it computes
KEPT = b"kept"


def subject(run_id: str) -> str:
    return f"quant.optimization.{run_id}.outputs"


async def send(nc: Any, item: dict, outputs: list[dict]) -> None:
    """Hand the chunk's outputs to the coordinator, or store them when it does not reply."""
    if nc is not None:
        body = {"batch": item["batch"], "seq": item["seq"], "outputs": outputs}
        try:
            reply = await nc.request(subject(item["run_id"]), _pack(body), timeout=SEND_TIMEOUT_SECONDS)
            if reply.data == KEPT:
                return
        except (nats.errors.Error, TimeoutError):  # no coordinator listening, too large, broker down
            pass
    await store(item, outputs)


class Inbox:
    """The coordinator's end: the outputs its helpers sent, by batch and ``seq``. It replies for the
    batches it expects only (another attempt's coordinator of the same run may listen too)."""

    def __init__(self) -> None:
        self.arrived: dict[str, dict[int, list[dict]]] = {}
        self.expected: set[str] = set()
        self.event = asyncio.Event()
        self.subscription = None

    @property
    def listening(self) -> bool:
        return self.subscription is not None

    async def open(self, nc: Any, run_id: str) -> None:
        self.subscription = await nc.subscribe(subject(run_id), cb=self._received)
        await nc.flush()  # the server knows of it before any helper sends

    def expect(self, batch: str) -> None:
        self.expected.add(batch)

    def forget(self, batch: str) -> None:
        self.expected.discard(batch)
        self.arrived.pop(batch, None)

    async def _received(self, msg) -> None:
        body = _unpack(msg.data)
        if body["batch"] not in self.expected:
            return
        self.arrived.setdefault(body["batch"], {})[body["seq"]] = body["outputs"]
        self.event.set()
        await msg.respond(KEPT)

    def take(self, batch: str, kept: dict[int, list[dict]]) -> None:
        """Move the batch's arrived outputs into ``kept``."""
        kept.update(self.arrived.pop(batch, {}))

    async def wait(self, seconds: float) -> None:
        """Until outputs arrive, at most ``seconds``."""
        try:
            await asyncio.wait_for(self.event.wait(), seconds)
        except TimeoutError:
            pass
        self.event.clear()

    async def close(self) -> None:
        if self.subscription is not None:
            await self.subscription.unsubscribe()
            self.subscription = None


async def store(item: dict, outputs: list[dict]) -> None:
    """The chunk's outputs in the database: the chunk is done."""
    now = utcnow()
    keys = {k: item[k] for k in ("_id", "run_id", "batch", "seq", "points")}
    document = {**keys, "outputs": _pack(outputs), "created_at": now, "updated_at": now}
    try:
        await claims.outputs().insert_one(document)
    except DuplicateKeyError:  # evaluated twice (a lease ran out): the trials are deterministic
        pass


async def _outputs_by_seq(run_id: str, batch: str, known: list[int]) -> dict[int, list[dict]]:
    """The stored outputs of the batch's evaluated chunks, but those whose ``seq`` is ``known``."""
    query = {"run_id": run_id, "batch": batch, "seq": {"$nin": known}}
    found = claims.outputs().find(query, {"seq": 1, "outputs": 1})
    return {c["seq"]: _unpack(c["outputs"]) async for c in found}


async def read_new(run_id: str, batch: str, kept: dict[int, list[dict]]) -> None:
    """Add the stored outputs of the batch's chunks finished elsewhere and not in ``kept`` to ``kept``."""
    kept.update(await _outputs_by_seq(run_id, batch, [*kept]))


async def outputs_of(
    run_id: str, batch: str, kept: dict[int, list[dict]] | None = None, chunks_in_batch: int = 0
) -> list[dict]:
    """Every trial output of the batch, in the order of its points (``kept``: those known already)."""
    chunks = dict(kept or {})
    if not chunks_in_batch or len(chunks) < chunks_in_batch:
        chunks.update(await _outputs_by_seq(run_id, batch, list(chunks)))
    return [output for seq in sorted(chunks) for output in chunks[seq]]


def known(chunks: list[dict], kept: dict[int, list[dict]]) -> list[tuple[dict, dict]]:
    """(parameters, output) of the trials of ``chunks`` whose outputs are in ``kept`` (by ``seq``)."""
    done = [c for c in chunks if c["seq"] in kept]
    return [pair for c in done for pair in zip(c["points"], kept[c["seq"]], strict=True)]


def _pack(value: Any) -> bytes:
    """As one JSON value: FerretDB parses every document a query reads, and a few hundred KPI fields
    per chunk made each read of the outputs cost ~10 ms."""
    return json.dumps(value, separators=(",", ":")).encode()


def _unpack(packed: bytes) -> Any:
    return json.loads(packed)
