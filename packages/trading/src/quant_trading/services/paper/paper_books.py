"""Appended bars applied to the paper books of one symbol: each bar processed once, in order, by one
writer, for every run on the symbol at once.

The new bars of a book are those after its ``cursor``. The books are read in one query, every step
is computed in one worker-thread call over the book's bars (``paper_bar_store``), the new bars, fills
and equity points of all books go out in one bulk write each (ids derived from the run, the symbol and
the bar: a repeated step writes the same documents), then the cursors move in one bulk write of
compare-and-set updates on the cursor each book had. Of two processes given the same bars one wins;
the other's books are read again and find nothing new. A book whose bars do not continue (the event's
``previous_end`` after its last bar: an earlier event is still on its way) is reported, and the
caller raises ``BarsMissing`` after the other books are done, so the bus delivers it again later.
"""

import asyncio
from typing import Any

from pymongo import UpdateOne

from quant_shared.timeutil import utcnow
from quant_trading.models.paper_book import PaperBook, book_id
from quant_trading.models.paper_run import PaperRun
from quant_trading.services.paper import paper_bar_store as store
from quant_trading.services.paper.paper_bar_store import COLUMNS
from quant_trading.services.paper.paper_effects import write_effects
from quant_trading.services.paper.paper_step import Step, step

ATTEMPTS = 5


class BarsMissing(RuntimeError):
    """The bars between the book's last bar and these have not arrived yet."""


def after(columns: dict[str, list], cursor: int | None, start: int) -> dict[str, list]:
    keep = [i for i, t in enumerate(columns["timestamp"]) if t >= start and (cursor is None or t > cursor)]
    return {c: [columns[c][i] for i in keep] for c in COLUMNS}


def _compute(symbol: str, jobs: list[tuple]) -> list[Step]:
    steps = []
    for _, run, head, _, bars in jobs:
        strategy = {"config": run.config, "strategy_type": run.strategy_type}
        strategy.update(parameters=run.parameters, spec=run.spec)
        cursor, day, start_equity = head.get("cursor"), head.get("day"), head["day_start_equity"]
        steps.append(step(symbol, bars, strategy, head["initial_cash"], cursor, day, start_equity))
    return steps


def _update(head: dict, new: dict[str, list], result: Step) -> dict[str, Any]:
    state = {
        "cursor": new["timestamp"][-1],
        "bar_count": head.get("bar_count", 0) + len(new["timestamp"]),
        "equity": result.final_equity,
        "cash": result.cash,
        "position": result.position,
        "open_orders": result.open_orders,
        "trades": result.trades,
        "realized_pnl": result.realized_pnl,
        "day": result.day,
        "day_start_equity": result.day_start_equity,
        "updated_at": utcnow(),
    }
    return {"$set": state}


async def move_cursors(moves: list[tuple[str, Any, dict]]) -> set[str]:
    """Compare-and-set every (book id, cursor read, update); the ids whose cursor did not move."""
    if not moves:
        return set()
    books = PaperBook.get_pymongo_collection()
    done = await books.bulk_write([UpdateOne({"_id": k, "cursor": c}, u) for k, c, u in moves], ordered=False)
    if done.matched_count == len(moves):
        return set()
    now = {d["_id"]: d.get("cursor") async for d in books.find({"_id": {"$in": [m[0] for m in moves]}})}
    return {key for key, _, update in moves if now.get(key) != update["$set"]["cursor"]}


async def _attempt(
    runs: dict[str, PaperRun], symbol: str, columns: dict[str, list], previous_end: int | None
) -> tuple[dict[str, int], list[str], dict[str, PaperRun]]:
    """One pass over the books of ``runs`` (book id -> run): (processed, late, books to redo)."""
    found = PaperBook.get_pymongo_collection().find({"_id": {"$in": list(runs)}})
    todo, late = [], []
    async for head in found:
        key, cursor = head["_id"], head.get("cursor")
        new = after(columns, cursor, int(runs[key].start.timestamp() * 1000))
        if not new["timestamp"]:
            continue
        if previous_end is not None and cursor is not None and previous_end > cursor:
            late.append(f"{symbol}: bars after {cursor} up to {previous_end} not processed yet")
            continue
        todo.append((key, runs[key], head, new))
    held = await asyncio.gather(*[store.book_bars(key, head.get("cursor")) for key, _, head, _ in todo])
    jobs = [(*job, {c: bars[c] + job[3][c] for c in COLUMNS}) for job, bars in zip(todo, held, strict=True)]
    results = await asyncio.to_thread(_compute, symbol, jobs) if jobs else []
    await store.store_bars([(key, run.owner_id, new) for key, run, _, new, _ in jobs])
    await write_effects([(job[1], symbol, result) for job, result in zip(jobs, results, strict=True)])
    moves = [
        (job[0], job[2].get("cursor"), _update(job[2], job[3], r))
        for job, r in zip(jobs, results, strict=True)
    ]
    lost = await move_cursors(moves)
    processed, redo = {}, {}
    for key, run, _, new, bars in jobs:
        if key in lost:
            store.forget(key)
            redo[key] = run
        else:
            store.remember(key, new["timestamp"][-1], bars)
            processed[str(run.id)] = len(new["timestamp"])
    return processed, late, redo


async def apply_symbol_bars(
    runs: list[PaperRun], symbol: str, columns: dict[str, list], previous_end: int | None
) -> tuple[dict[str, int], list[str]]:
    """Process the new bars of ``symbol`` for every run: (bars processed per run id, why the books
    that need earlier bars first were left alone)."""
    todo = {book_id(str(run.id), symbol): run for run in runs}
    processed: dict[str, int] = {}
    late: list[str] = []
    for _ in range(ATTEMPTS):
        done, waiting, todo = await _attempt(todo, symbol, columns, previous_end)
        processed.update(done)
        late += waiting
        if not todo:
            return processed, late
    raise RuntimeError(f"{symbol}: books kept changing while processing their bars")
