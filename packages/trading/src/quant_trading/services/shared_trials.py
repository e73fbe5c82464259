"""Trials of an optimisation shared with helper tasks on ``quant worker`` processes.

The coordinator posts each batch as chunks (``trial_sharing``), evaluates them with the helpers
(``trading_jobs.help_optimization``) and reads theirs; what the batches leave in the database is
deleted in the background, once the next batch or the run's end no longer waits on it.
"""

import asyncio
import itertools
import logging
import time
import uuid
from collections.abc import Awaitable

from beanie import PydanticObjectId
from fastapi import FastAPI

from quant_shared.enums import OptimizationMethod
from quant_shared.workers import JobContext
from quant_trading.models import OptimizationRun, OptimizationWorkItem
from quant_trading.services import optimization_worker as worker
from quant_trading.services import trial_claims, trial_outputs, trial_sharing
from quant_trading.services.trial_args import Progress, Waiting, state_args
from quant_trading.settings import trading_settings

log = logging.getLogger("quant.trading.optimization")
CLEANUPS: set[asyncio.Task] = set()  # ended runs' and batches' items being deleted
CLEAR_AFTER_SECONDS = 0.5  # an ended run's items are deleted this long after it


class SharedTrials:
    def __init__(self, app: FastAPI, ctx: JobContext, run: OptimizationRun, bars: dict) -> None:
        settings = trading_settings(app)
        self.app, self.ctx, self.run, self.bars = app, ctx, run, bars
        self.run_id = str(run.id)
        self.helpers = settings.optimization_helpers
        self.lease = settings.optimization_trial_lease_seconds
        sequential = run.method == OptimizationMethod.BAYESIAN  # each batch waits on the one before
        self.batch_size = self.helpers + 1 if sequential else max(run.max_trials, 1)
        self.me = trial_sharing.participant_id(ctx.task.id)
        self.state: worker.TrialState = {}
        self.finished: list[str] = []  # batches whose items are to be deleted
        self.while_waiting: Waiting | None = None  # once per batch, when only helpers' chunks are left
        self.inbox = trial_outputs.Inbox()  # the helpers' outputs, over the broker

    @property
    def data(self):
        """The run's ``OHLCV`` as this process's trials use it (after ``start``)."""
        return self.state.get("data")

    async def start(self) -> None:
        if (nc := getattr(self.ctx, "nats", None)) is not None:
            await self.inbox.open(nc, self.run_id)
        making = asyncio.to_thread(worker.make_state, *state_args(self.run, self.bars))
        if getattr(self.ctx, "attempt", 1) == 1:
            self.state = await making
        else:  # the coordinator run before this attempt left its items
            self.state, _ = await asyncio.gather(making, trial_sharing.clear(self.run_id))

    def evaluate_on(self, lo: int, hi: int | None, progress: Progress | None = None):
        async def evaluate(points: list[dict]) -> list[dict]:
            if not points:
                return []
            batch = uuid.uuid4().hex
            ends = list(itertools.accumulate(trial_sharing.chunk_sizes(len(points), self.helpers + 1)))
            chunks = [points[lo:hi] for lo, hi in zip([0, *ends[:-1]], ends, strict=True)]
            items = [
                OptimizationWorkItem(
                    id=PydanticObjectId(), run_id=self.run_id, batch=batch, seq=i, points=chunk, lo=lo, hi=hi
                )
                for i, chunk in enumerate(chunks)
            ]
            for done in self.finished:
                self._clear_later(done)
            self.finished.clear()
            posted = [item.model_dump(by_alias=True) for item in items]  # the first pass reads nothing
            kept: dict[int, list[dict]] = {}  # outputs by seq known to this process
            self.inbox.expect(batch)
            try:  # the first chunk is this process's alone (not posted); the rest is posted as it computes
                await self._drain(batch, posted, progress, kept, self._post(items[1:]))
                return await trial_outputs.outputs_of(self.run_id, batch, kept, len(chunks))
            finally:  # deleted while the next batch runs, or after the run (``close``)
                self.inbox.forget(batch)
                self.finished.append(batch)

        return evaluate

    async def _post(self, items: list[OptimizationWorkItem]) -> None:
        if items:
            await OptimizationWorkItem.insert_many(items)

    async def _drain(
        self, batch: str, posted: list[dict], progress: Progress | None, kept: dict, posting: Awaitable
    ) -> None:
        """Evaluate with the helpers until every chunk of the batch has its outputs. After a pass over
        the posted chunks (``posting`` posts them while the first computes) it waits for the helpers'
        outputs (``trial_outputs``: sent, or stored when they could not be), unless a chunk comes back
        open (reclaimed from a helper that died). The first look that finds chunks still running
        starts ``while_waiting``."""
        chunks, first = len(posted), posted
        reported = [time.monotonic()]  # the first report after a second (a short batch makes none)

        async def report() -> None:  # ``kept``: the chunks known done, this process's and the helpers'
            if progress is not None and time.monotonic() - reported[0] > 1.0:
                reported[0] = time.monotonic()
                await progress(sum(len(outputs) for outputs in kept.values()))

        reclaimed, waited, look = time.monotonic(), False, True
        listening = self.inbox.listening  # outputs arrive as sent: the stored ones are looked for seldom
        poll = trial_sharing.IDLE_POLL_SECONDS if listening else trial_sharing.SOON_POLL_SECONDS / 4
        read = time.monotonic() if listening else 0.0
        while True:
            if look:  # the posted chunks first, then those open again
                held = (first[0], posting) if first else None
                await trial_sharing.work(
                    self.run_id, self.state, self.me, report, kept=kept, first=first, held=held
                )
                first, look = None, False
            self.inbox.take(batch, kept)
            if len(kept) < chunks and time.monotonic() - read >= poll:  # the stored ones
                read = time.monotonic()
                await trial_outputs.read_new(self.run_id, batch, kept)
            if len(kept) >= chunks:
                return
            if self.while_waiting is not None and not waited:  # this process's core is free meanwhile
                waited = True
                await self.while_waiting(trial_outputs.known(posted, kept))
            await report()
            if time.monotonic() - reclaimed > 1.0:  # a helper that died: its chunks come back
                reclaimed = time.monotonic()
                done = {posted[seq]["_id"] for seq in kept}  # received: none of them is stored
                look = await trial_claims.reclaim_stale(self.run_id, self.lease, keep=self.me, done=done) > 0
            await self.inbox.wait(poll)  # the helpers' last chunks

    async def equity_on(self, params: dict, lo: int, hi: int):
        return await asyncio.to_thread(worker.equity_in, self.state, params, lo, hi)

    def _clear_later(self, batch: str | None, delay: float = 0.0) -> None:
        """Delete a batch's items and outputs (the run's: ``None``) in ``delay`` seconds, in the
        background."""

        async def clear() -> None:
            await asyncio.sleep(delay)
            try:
                await trial_sharing.clear(self.run_id, batch)
            except Exception:  # what is left is a few documents of an ended run
                log.exception("deleting the work items of run %s failed", self.run_id)

        cleanup = asyncio.create_task(clear())
        CLEANUPS.add(cleanup)
        cleanup.add_done_callback(CLEANUPS.discard)

    async def close(self) -> None:
        """The run's items go a moment after it ended (its completion's updates do not wait on the
        deletes): idle helpers see no work, then that the run ended, and stop."""
        await self.inbox.close()
        self._clear_later(None, CLEAR_AFTER_SECONDS)
