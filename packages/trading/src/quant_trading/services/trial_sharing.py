"""Trials of one optimisation shared by worker processes: claim, evaluate, record; reclaim the lost.

A batch of trials is posted as ``OptimizationWorkItem`` chunks. The run's coordinator and its helper
tasks (``trading_jobs.help_optimization``, on other workers) each claim one pending chunk at a time
(``trial_claims``: the coordinator from the first, helpers from the last) and evaluate it in a thread
(one core per process); helpers hand their outputs to the coordinator (``trial_outputs``: over the
broker, else through the database), which keeps its own. A chunk whose claimant died (its lease ran
out) goes back to pending, so a SIGKILLed helper costs its chunk's time, never the run. Chunks
rather than single trials keep the database work per trial small: on FerretDB-SQLite a claim costs
about as much CPU as a short trial.
"""

import asyncio
import math
import os
import socket
import time
from collections.abc import Awaitable, Callable
from typing import Any

from quant_trading.services import optimization_worker as worker
from quant_trading.services import trial_claims as claims
from quant_trading.services import trial_outputs

IDLE_POLL_SECONDS = 0.2  # a waiting process looks for work this often (each look costs the database)
SOON_POLL_SECONDS = 0.02  # ... and this often when work or its end is due any moment
MAX_CHUNKS_PER_PROCESS = 20  # chunks of a batch per process at most (see ``chunk_sizes``)
MAX_TRIALS_PER_CHUNK = 256  # 256 trials of 0.4 s take 100 s: inside the default 120 s lease
TAIL_PER_PROCESS = 3  # the last trials, per process, go in chunks of the smallest size


def participant_id(task_id: Any) -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{task_id}"


def chunk_sizes(trials: int, processes: int) -> list[int]:
    """Trials per chunk of a batch, in ``seq`` order: large at both ends, small in the middle.

    Guided sizes (each a ``1 / (2 * processes)`` share of what is left) so that the processes run out
    of work at nearly the same time, however their speeds differ; ordered so that the coordinator (from
    the first) and the helpers (from the last) both start with large chunks and meet on small ones. A
    chunk costs a few ms of database round trips, so there are at most ``MAX_CHUNKS_PER_PROCESS``
    per process; and at most ``MAX_TRIALS_PER_CHUNK`` trials, so that a chunk ends well inside its
    claim's lease. The last ``TAIL_PER_PROCESS`` trials per process are chunks of the smallest size,
    so that the processes meet on them although one started later or runs a little slower. 40 trials
    on 2 processes: 10 6 3 1 1 1 1 1 1 3 4 8 (equal chunks of 5 left one process idle for up to a
    chunk, ~0.15 s on 500,000 bars; a 2 or 3 where they met, up to 0.07 s).
    """
    smallest = math.ceil(trials / (processes * MAX_CHUNKS_PER_PROCESS))
    sizes, left = [], trials
    while left > 0:
        guided = math.ceil(left / (2 * processes)) if left > TAIL_PER_PROCESS * processes else 1
        share = min(MAX_TRIALS_PER_CHUNK, max(smallest, guided))
        sizes.append(min(left, share))
        left -= sizes[-1]
    return sizes[0::2] + sizes[1::2][::-1]


async def work(
    run_id: str,
    state: worker.TrialState,
    participant: str,
    after_each: Callable[[], Awaitable] | None = None,
    last_first: bool = False,
    kept: dict[int, list[dict]] | None = None,
    first: list[dict] | None = None,
    held: tuple[dict, Awaitable] | None = None,
    send: Callable[[dict, list[dict]], Awaitable] = trial_outputs.store,
) -> int:
    """Evaluate open chunks of the run until none is left; how many trials this process evaluated.
    A helper (no ``kept``) hands each chunk's outputs over (``send``: ``trial_outputs``) while the
    next one computes, and all of them before it returns. The coordinator keeps its own in ``kept``
    (outputs by ``seq``, the helpers' too once received): nobody else reads them, and a chunk in it
    is not tried again. ``first``: one pass over these chunks only (the coordinator just posted them;
    what is left after it is its caller's to look for). ``held``: a chunk of ``first`` that is this
    process's alone (never posted, so never claimed), computed while the awaitable (what posts the
    others) runs. A failed claim reads which chunks are held, rather than trying each in turn."""
    count, took, storing = 0, True, []
    mine, posting = held or (None, None)
    try:
        while took:  # passes over the open chunks
            took, taken = False, set()
            for item in first if first is not None else await claims.open_chunks(run_id, last_first):
                if item is not mine:
                    if (kept is not None and item["seq"] in kept) or claims.is_held(item, taken):
                        continue
                    if not await claims.claim(item, participant):  # so are the next ones, likely:
                        taken = await claims.held(run_id)  # one read rather than a failed insert each
                        continue
                took = True
                compute = asyncio.to_thread(_evaluate_chunk, state, item)
                if posting is not None:
                    outputs, _ = await asyncio.gather(compute, posting)
                    posting = None
                else:
                    outputs = await compute
                if kept is None:
                    storing.append(asyncio.create_task(send(item, outputs)))
                else:
                    kept[item["seq"]] = outputs
                count += len(outputs)
                if after_each is not None:
                    await after_each()
            took = took and first is None
    finally:  # what this process computed is handed over before it returns, or raises the loop's error
        stored = await asyncio.gather(*storing, return_exceptions=True)
    for result in stored:
        if isinstance(result, BaseException):
            raise result
    return count


async def assist(
    run_id: str,
    state: worker.TrialState,
    participant: str,
    idle_seconds: float,
    still_open: Callable[[], Awaitable[bool]],
    send: Callable[[dict, list[dict]], Awaitable] = trial_outputs.store,
) -> int:
    """A helper's loop: take the run's trials as they come; stop once the run ended, or once it found
    nothing to take for ``idle_seconds`` after its last trial (the run's last chunks are taken)."""
    total, last_work, wait, looked = 0, None, SOON_POLL_SECONDS / 4, 0.0
    while True:
        done = await work(run_id, state, participant, last_first=True, send=send)
        total += done
        if done:
            last_work = time.monotonic()
        elif time.monotonic() - looked > IDLE_POLL_SECONDS:  # whether the run goes on, this often
            looked = time.monotonic()
            if not await still_open():
                return total
        if last_work is not None and time.monotonic() - last_work > idle_seconds:
            return total
        # before its first chunk the run's trials are about to be posted: look often, then less
        await asyncio.sleep(IDLE_POLL_SECONDS if last_work is not None else wait)
        wait = min(wait * 1.5, IDLE_POLL_SECONDS)


def _evaluate_chunk(state: worker.TrialState, item: dict) -> list[dict]:
    return [worker.evaluate_in(state, point, item["lo"], item["hi"]) for point in item["points"]]


async def clear(run_id: str, batch: str | None = None) -> None:
    """Delete the run's items and outputs (of one batch, or all)."""
    query = {"run_id": run_id} if batch is None else {"run_id": run_id, "batch": batch}
    await asyncio.gather(
        claims.items().delete_many(query), claims.outputs().delete_many(query), claims.clear(query)
    )
