"""Applying appended bars to a paper book: each bar processed once, in order, by one writer.

The new bars are those after the book's ``cursor``. The step's fills and equity points are upserted
under ids derived from the run, the symbol and the bar (a repeated step writes the same documents),
then the book moves its cursor with a compare-and-set on the cursor it read: of two processes given the
same bars one wins, the other re-reads and finds nothing new. An event whose bars do not continue the
book (``previous_end`` after the book's last bar: an earlier event is still on its way) raises
``BarsMissing``, and the bus delivers it again later.
"""

import asyncio
from typing import Any

from pymongo import UpdateOne

from quant_shared.enums import WebhookEvent
from quant_shared.timeutil import utcnow
from quant_trading.models.paper_book import PaperBook, book_id
from quant_trading.models.paper_equity import PaperEquityPoint
from quant_trading.models.paper_fill import PaperFill
from quant_trading.models.paper_run import PaperRun
from quant_trading.services.engine_bridge import to_datetime
from quant_trading.services.paper.paper_step import Step, step
from quant_trading.services.webhooks.webhook_records import record_deliveries

COLUMNS = ("timestamp", "open", "high", "low", "close", "volume")
ATTEMPTS = 5


class BarsMissing(RuntimeError):
    """The bars between the book's last bar and these have not arrived yet."""


def after(columns: dict[str, list], cursor: int | None, start: int) -> dict[str, list]:
    keep = [i for i, t in enumerate(columns["timestamp"]) if t >= start and (cursor is None or t > cursor)]
    return {c: [columns[c][i] for i in keep] for c in COLUMNS}


async def apply_bars(run: PaperRun, symbol: str, columns: dict[str, list], previous_end: int | None) -> int:
    """Process the bars of ``columns`` the book has not run; the number processed."""
    start = int(run.start.timestamp() * 1000)
    for _ in range(ATTEMPTS):
        book = await PaperBook.get(book_id(str(run.id), symbol))
        if book is None:
            return 0
        new = after(columns, book.cursor, start)
        if not new["timestamp"]:
            return 0
        if previous_end is not None and book.cursor is not None and previous_end > book.cursor:
            raise BarsMissing(f"{symbol}: bars after {book.cursor} up to {previous_end} not processed yet")
        bars = {c: book.bars[c] + new[c] for c in COLUMNS}
        strategy = {"config": run.config, "strategy_type": run.strategy_type}
        strategy.update(parameters=run.parameters, spec=run.spec)
        args = (symbol, bars, strategy, book.initial_cash, book.cursor, book.day, book.day_start_equity)
        result = await asyncio.to_thread(step, *args)
        await write_effects(run, symbol, result)
        if await move_cursor(book, bars, result):
            return len(new["timestamp"])
    raise RuntimeError(f"{symbol}: the book kept changing while processing its bars")


async def write_effects(run: PaperRun, symbol: str, result: Step) -> None:
    rid, owner = str(run.id), run.owner_id
    fills = [
        UpdateOne(
            {"_id": f"{rid}:{symbol}:{f['trade']}:{f['action'].value}"},
            {
                "$set": {
                    **PaperFill(id="", run_id=rid, owner_id=owner, symbol=symbol, **f).model_dump(
                        exclude={"id"}
                    ),
                    "created_at": utcnow(),
                }
            },
            upsert=True,
        )
        for f in result.fills
    ]
    points = [
        UpdateOne(
            {"_id": f"{rid}:{symbol}:{t}"},
            {
                "$set": PaperEquityPoint(
                    id="", run_id=rid, owner_id=owner, symbol=symbol, time=to_datetime(t), equity=e, units=u
                ).model_dump(exclude={"id"})
            },
            upsert=True,
        )
        for t, e, u in result.equity
    ]
    if fills:
        await PaperFill.get_pymongo_collection().bulk_write(fills, ordered=False)
        notices = [
            (f"{rid}:{symbol}:{f['trade']}:{f['action'].value}", fill_notice(rid, symbol, f))
            for f in result.fills
        ]
        await record_deliveries(owner, WebhookEvent.FILL, notices)
    if points:
        await PaperEquityPoint.get_pymongo_collection().bulk_write(points, ordered=False)


def fill_notice(run_id: str, symbol: str, fill: dict[str, Any]) -> dict[str, Any]:
    body = {k: (v.value if hasattr(v, "value") else v) for k, v in fill.items()}
    return {**body, "time": fill["time"].isoformat(), "run_id": run_id, "symbol": symbol}


async def move_cursor(book: PaperBook, bars: dict[str, list], result: Step) -> bool:
    state: dict[str, Any] = {
        "bars": bars,
        "cursor": bars["timestamp"][-1],
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
    done = await PaperBook.get_pymongo_collection().update_one(
        {"_id": book.id, "cursor": book.cursor}, {"$set": state}
    )
    return done.matched_count == 1
