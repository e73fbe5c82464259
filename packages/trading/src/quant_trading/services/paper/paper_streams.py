"""Where a paper book's live state is kept: in its (symbol, interval)'s ``PaperStream`` while the run
runs (every book of the symbol moves under one compare-and-set per event), in its ``PaperBook`` once
the run stopped. ``load_books`` gives the books with their current state either way."""

from typing import Any

from quant_trading.models.paper_book import PaperBook, book_id
from quant_trading.models.paper_run import PaperRun
from quant_trading.models.paper_stream import PaperStream

STATE = ("cursor", "bar_count", "equity", "cash", "position", "open_orders", "trades", "realized_pnl")
STATE += ("day", "day_start_equity", "initial_cash")
ATTEMPTS = 20
_written: dict[str, tuple[int, dict[str, dict[str, Any]]]] = {}  # stream id -> as this process wrote it


def stream_id(symbol: str, interval: Any) -> str:
    return f"{symbol}:{getattr(interval, 'value', interval)}"


def state_of(book: PaperBook) -> dict[str, Any]:
    return {key: getattr(book, key) for key in STATE}


def last_written(sid: str) -> tuple[int, dict[str, dict[str, Any]]] | None:
    """The stream as this process last wrote it: current unless another writer moved it since, which
    the next ``commit`` on it finds out (and its caller then reads the stream)."""
    return _written.get(sid)


async def read(sid: str) -> tuple[int, dict[str, dict[str, Any]]]:
    """(version, run id -> book state) of a stream (0 and none when it does not exist yet)."""
    doc = await PaperStream.get_pymongo_collection().find_one({"_id": sid})
    return (0, {}) if doc is None else (doc.get("version", 0), doc.get("books", {}))


async def commit(
    sid: str, version: int, states: dict[str, dict[str, Any]], known: dict[str, dict[str, Any]]
) -> bool:
    """Write the books' new states if the stream is still at ``version`` (whose states were
    ``known``); False when it moved."""
    update = {"$set": {"version": version + 1, **{f"books.{rid}": s for rid, s in states.items()}}}
    done = await PaperStream.get_pymongo_collection().update_one({"_id": sid, "version": version}, update)
    if done.matched_count != 1:
        _written.pop(sid, None)
        return False
    _written[sid] = (version + 1, {**known, **states})
    return True


async def register(run: PaperRun, books: list[PaperBook]) -> None:
    """A new run's books join their streams (created on first use)."""
    rid = str(run.id)
    for book in books:
        await PaperStream.get_pymongo_collection().update_one(
            {"_id": stream_id(book.symbol, run.interval)},
            {"$set": {f"books.{rid}": state_of(book)}, "$inc": {"version": 1}},
            upsert=True,
        )
        _written.pop(stream_id(book.symbol, run.interval), None)


async def retire(run_id: str, symbols: list[str], interval: Any) -> None:
    """A stopped run's books: their last state is copied to the ``PaperBook`` documents, then they
    leave their streams (a step still under way then finds the stream moved and skips them)."""
    for symbol in symbols:
        sid = stream_id(symbol, interval)
        _written.pop(sid, None)
        for _ in range(ATTEMPTS):
            version, states = await read(sid)
            state = states.get(run_id)
            if state is None:
                break
            await PaperBook.get_pymongo_collection().update_one(
                {"_id": book_id(run_id, symbol)}, {"$set": {k: v for k, v in state.items() if k in STATE}}
            )
            done = await PaperStream.get_pymongo_collection().update_one(
                {"_id": sid, "version": version},
                {"$unset": {f"books.{run_id}": ""}, "$set": {"version": version + 1}},
            )
            if done.matched_count == 1:
                break


async def load_books(run: PaperRun) -> list[PaperBook]:
    """The run's books, by symbol, with their current state."""
    rid = str(run.id)
    books = await PaperBook.find({"run_id": rid}).sort("symbol").to_list()
    for book in books:
        _, states = await read(stream_id(book.symbol, run.interval))
        for key, value in (states.get(rid) or {}).items():
            if key in STATE:
                setattr(book, key, value)
    return books
