"""Appended bars applied to the paper books of one symbol: each bar processed once, in order, by one
writer, for every run on the symbol at once.

The books' states are read from the symbol's ``PaperStream`` (``paper_streams``); a book's new bars
are those after its ``cursor``. Every step is computed in one worker-thread call over the book's bars
(``paper_bar_store``); the new bars, fills and equity points of all books go out in one bulk write
each (ids derived from the run, the symbol and the bar: a repeated step writes the same documents);
then the books' new states are written with one compare-and-set on the stream's version. Of two
processes given the same bars one wins; the other reads the stream again and finds nothing new. A
book whose bars do not continue (the event's ``previous_end`` after its last bar: an earlier event is
still on its way) is reported, and the caller raises ``BarsMissing`` after the other books are done,
so the bus delivers it again later.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from quant_trading.models.paper_book import book_id
from quant_trading.models.paper_run import PaperRun
from quant_trading.services.paper import paper_bar_store as store
from quant_trading.services.paper import paper_streams as streams
from quant_trading.services.paper.paper_bar_store import COLUMNS
from quant_trading.services.paper.paper_effects import write_effects
from quant_trading.services.paper.paper_step import Step, step

ATTEMPTS = 20


class BarsMissing(RuntimeError):
    """The bars between the book's last bar and these have not arrived yet."""


def after(columns: dict[str, list], cursor: int | None, start: int) -> dict[str, list]:
    keep = [i for i, t in enumerate(columns["timestamp"]) if t >= start and (cursor is None or t > cursor)]
    return {c: [columns[c][i] for i in keep] for c in COLUMNS}


def _compute(symbol: str, jobs: list[tuple]) -> list[Step]:
    steps = []
    for _, run, state, _, bars in jobs:
        strategy = {"config": run.config, "strategy_type": run.strategy_type}
        strategy.update(parameters=run.parameters, spec=run.spec)
        cursor, day, start_equity = state.get("cursor"), state.get("day"), state["day_start_equity"]
        steps.append(step(symbol, bars, strategy, state["initial_cash"], cursor, day, start_equity))
    return steps


def _state(state: dict, new: dict[str, list], result: Step) -> dict[str, Any]:
    return {
        **state,
        "cursor": new["timestamp"][-1],
        "bar_count": state.get("bar_count", 0) + len(new["timestamp"]),
        "equity": result.final_equity,
        "cash": result.cash,
        "position": result.position,
        "open_orders": result.open_orders,
        "trades": result.trades,
        "realized_pnl": result.realized_pnl,
        "day": result.day,
        "day_start_equity": result.day_start_equity,
    }


async def _attempt(
    runs: list[PaperRun], symbol: str, columns: dict[str, list], previous_end: int | None, snapshot: Any
) -> tuple[dict[str, int], list[str]] | None:
    """One pass over the books of ``runs``: (processed, late), or None when the stream moved.
    ``snapshot``: the stream's (version, states) if just read, else None."""
    sid = streams.stream_id(symbol, runs[0].interval)
    version, states = snapshot or await streams.read(sid)
    todo, late = [], []
    for run in runs:
        state = states.get(str(run.id))
        if state is None:
            continue  # not registered yet, or stopped
        cursor = state.get("cursor")
        new = after(columns, cursor, int(run.start.timestamp() * 1000))
        if not new["timestamp"]:
            continue
        if previous_end is not None and cursor is not None and previous_end > cursor:
            late.append(f"{symbol}: bars after {cursor} up to {previous_end} not processed yet")
            continue
        todo.append((book_id(str(run.id), symbol), run, state, new))
    held = await asyncio.gather(*[store.book_bars(key, state.get("cursor")) for key, _, state, _ in todo])
    jobs = [(*job, {c: bars[c] + job[3][c] for c in COLUMNS}) for job, bars in zip(todo, held, strict=True)]
    if not jobs:
        return {}, late
    results = await asyncio.to_thread(_compute, symbol, jobs)
    await asyncio.gather(  # both before the books' states move: a step cut short is redone whole
        store.store_bars([(key, run.owner_id, new) for key, run, _, new, _ in jobs]),
        write_effects([(job[1], symbol, result) for job, result in zip(jobs, results, strict=True)]),
    )
    updates = {str(job[1].id): _state(job[2], job[3], r) for job, r in zip(jobs, results, strict=True)}
    if not await streams.commit(sid, version, updates, states):
        return None  # the books' cached bars stay valid for the cursors they were read at
    for key, _, _, new, bars in jobs:
        store.remember(key, new["timestamp"][-1], bars)
    return {str(run.id): len(new["timestamp"]) for _, run, _, new, _ in jobs}, late


Runs = Callable[[bool], Awaitable[tuple[list[PaperRun], tuple[int, dict] | None]]]


async def apply_symbol_bars(
    symbol: str, columns: dict[str, list], previous_end: int | None, runs_of: Runs
) -> tuple[list[PaperRun], dict[str, int], list[str]]:
    """Process the new bars of ``symbol`` for every run ``runs_of(fresh)`` gives with the stream as
    read (None: read it here). A stream not read afresh (``fresh`` false: as this process last wrote
    it) is trusted only through the write it allows; a pass that wrote nothing is done again on a
    fresh read. (the runs, bars processed per run id, why the books that need earlier bars first
    were left alone)."""
    for attempt in range(ATTEMPTS):
        runs, snapshot = await runs_of(attempt > 0)
        done = await _attempt(runs, symbol, columns, previous_end, snapshot) if runs else ({}, [])
        if done is not None and (done[0] or attempt > 0):
            return runs, *done  # a write checked the stream read, or it was read afresh

    raise RuntimeError(f"{symbol}: its books kept changing while processing their bars")
