"""Trials of an optimisation shared with helper tasks over the broker (``trial_dealer``).

The coordinator (``DealtTrials``, the run's task) cuts each batch into chunks (``trial_sharing``'s
guided sizes), evaluates them from the first while its helpers (``assist``, on other workers) ask
for them from the last, and collects the helpers' outputs as they arrive. Neither side touches the
database per chunk: the trials of a 2-core machine share its cores with the database server.
"""

import asyncio
import itertools
import time
import uuid
from collections.abc import Awaitable, Callable

from fastapi import FastAPI

from quant_shared.enums import OptimizationMethod
from quant_shared.workers import JobContext
from quant_trading.models import OptimizationRun
from quant_trading.services import optimization_worker as worker
from quant_trading.services import trial_dealer, trial_sharing
from quant_trading.services.trial_args import Progress, Waiting, state_args
from quant_trading.settings import trading_settings


class DealtTrials:
    def __init__(self, app: FastAPI, ctx: JobContext, run: OptimizationRun, bars: dict) -> None:
        settings = trading_settings(app)
        self.ctx, self.run, self.bars, self.run_id = ctx, run, bars, str(run.id)
        self.helpers = settings.optimization_helpers
        self.lease = settings.optimization_trial_lease_seconds
        sequential = run.method == OptimizationMethod.BAYESIAN  # each batch waits on the one before
        self.batch_size = self.helpers + 1 if sequential else max(run.max_trials, 1)
        self.state: worker.TrialState = {}
        self.dealer = trial_dealer.Dealer()
        self.per_trial: float | None = None  # seconds a trial took here, at most (``Dealer.expire``)
        self.while_waiting: Waiting | None = None  # once per batch, when only helpers' chunks are left

    @property
    def data(self):
        """The run's ``OHLCV`` as this process's trials use it (after ``start``)."""
        return self.state.get("data")

    async def start(self) -> None:
        making = asyncio.to_thread(worker.make_state, *state_args(self.run, self.bars))
        self.state, _ = await asyncio.gather(making, self.dealer.listen(self.ctx.nats, self.run_id))

    def evaluate_on(self, lo: int, hi: int | None, progress: Progress | None = None):
        async def evaluate(points: list[dict]) -> list[dict]:
            if not points:
                return []
            ends = list(itertools.accumulate(trial_sharing.chunk_sizes(len(points), self.helpers + 1)))
            chunks = [
                {"seq": seq, "points": points[start:end], "lo": lo, "hi": hi}
                for seq, (start, end) in enumerate(zip([0, *ends[:-1]], ends, strict=True))
            ]
            await self.dealer.deal(uuid.uuid4().hex, chunks)
            try:
                kept = await self._evaluate(chunks, progress)
            finally:
                await self.dealer.deal(None, [])
            return [output for seq in sorted(kept) for output in kept[seq]]

        return evaluate

    async def _evaluate(self, chunks: list[dict], progress: Progress | None) -> dict[int, list[dict]]:
        """Evaluate chunks from the first until none is left, then wait for the helpers' outputs
        (taking back those too long out: ``Dealer.expire``). The first wait starts ``while_waiting``."""
        kept: dict[int, list[dict]] = {}
        reported, waited = time.monotonic(), False
        while True:
            if (chunk := self.dealer.take()) is not None:
                started = time.perf_counter()
                kept[chunk["seq"]] = await asyncio.to_thread(trial_sharing.evaluate_chunk, self.state, chunk)
                took = (time.perf_counter() - started) / max(len(chunk["points"]), 1)
                self.per_trial = max(self.per_trial or 0.0, took)
            kept.update(self.dealer.received())
            if len(kept) >= len(chunks):
                return kept
            if progress is not None and time.monotonic() - reported > 1.0:  # a short batch reports none
                reported = time.monotonic()
                await progress(sum(len(outputs) for outputs in kept.values()))
            if chunk is None:
                if self.while_waiting is not None and not waited:  # this process's core is free meanwhile
                    waited = True
                    done = [c for c in chunks if c["seq"] in kept]
                    await self.while_waiting(
                        [pair for c in done for pair in zip(c["points"], kept[c["seq"]], strict=True)]
                    )
                if not self.dealer.expire(self.lease, kept, self.per_trial):
                    await self.dealer.wait(trial_sharing.IDLE_POLL_SECONDS)

    async def equity_on(self, params: dict, lo: int, hi: int):
        return await asyncio.to_thread(worker.equity_in, self.state, params, lo, hi)

    async def close(self) -> None:
        await self.dealer.close()


async def assist(
    nc,
    run_id: str,
    state: worker.TrialState,
    idle_seconds: float,
    still_open: Callable[[], Awaitable[bool]],
) -> int:
    """A helper's loop: evaluate the chunks the coordinator deals and send their outputs back (while
    the next one computes); stop once the run ended, or once it was dealt nothing for
    ``idle_seconds`` after its last chunk. With nothing to take it waits for the next batch."""
    total, last_work, looked, sending = 0, None, 0.0, []
    waker = trial_dealer.Waker()
    await waker.listen(nc, run_id)
    try:
        while True:
            if (chunk := await trial_dealer.ask(nc, run_id)) is not None:
                outputs = await asyncio.to_thread(trial_sharing.evaluate_chunk, state, chunk)
                sending.append(asyncio.create_task(trial_dealer.deliver(nc, run_id, chunk, outputs)))
                total, last_work = total + len(outputs), time.monotonic()
                continue
            if time.monotonic() - looked > trial_sharing.IDLE_POLL_SECONDS:  # whether the run goes on
                looked = time.monotonic()
                if not await still_open():
                    return total
            if last_work is not None and time.monotonic() - last_work > idle_seconds:
                return total
            await waker.wait(trial_sharing.IDLE_POLL_SECONDS)
    finally:
        await waker.close()
        await asyncio.gather(*sending, return_exceptions=True)
