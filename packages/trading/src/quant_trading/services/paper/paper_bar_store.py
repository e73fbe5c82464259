"""A paper book's bars: ``PaperBar`` documents, written before the step that runs them, and a
process-local copy of the bars of the books whose cursor this process moved last (a step needs every
bar of its book; reading them back from the database is only needed when another process stepped the
book, or after a restart)."""

from collections import OrderedDict
from typing import Any

from pymongo import InsertOne
from pymongo.errors import BulkWriteError

from quant_trading.models.paper_bar import PaperBar

COLUMNS = ("timestamp", "open", "high", "low", "close", "volume")
FIELDS = ("t", "o", "h", "l", "c", "v")
CACHED_BOOKS = 20_000
DUPLICATE_KEY = 11000
_cache: OrderedDict[str, tuple[int | None, dict[str, list]]] = OrderedDict()  # book -> (cursor, bars)


def empty() -> dict[str, list]:
    return {c: [] for c in COLUMNS}


def remember(book: str, cursor: int | None, bars: dict[str, list]) -> None:
    _cache[book] = (cursor, bars)
    _cache.move_to_end(book)
    while len(_cache) > CACHED_BOOKS:
        _cache.popitem(last=False)


async def book_bars(book: str, cursor: int | None) -> dict[str, list]:
    """The book's bars up to ``cursor`` (its last processed bar), oldest first."""
    cached = _cache.get(book)
    if cached is not None and cached[0] == cursor:
        return cached[1]
    out = empty()
    if cursor is None:
        return out
    found = PaperBar.get_pymongo_collection().find({"book_id": book}, {"_id": 0, "book_id": 0}).sort("t", 1)
    async for doc in found:
        if doc["t"] > cursor:
            break
        for column, key in zip(COLUMNS, FIELDS, strict=True):
            out[column].append(doc[key])
    return out


def _inserts(book: str, owner: str, new: dict[str, list]) -> list[InsertOne]:
    out = []
    for i, t in enumerate(new["timestamp"]):
        doc = {"_id": f"{book}:{t}", "book_id": book, "owner_id": owner}
        doc.update({key: new[column][i] for column, key in zip(COLUMNS, FIELDS, strict=True)})
        out.append(InsertOne(doc))
    return out


async def store_bars(items: list[tuple[str, str, dict[str, list]]]) -> None:
    """Insert the new bars of each (book, owner, columns); bars already stored stay as they are."""
    await insert_new(
        PaperBar.get_pymongo_collection(), [op for b, o, new in items for op in _inserts(b, o, new)]
    )


async def insert_new(collection: Any, ops: list[InsertOne]) -> None:
    """Insert documents whose ids derive from what they record: one already there (a repeated step
    wrote the same) is left as it is."""
    if not ops:
        return
    try:
        await collection.bulk_write(ops, ordered=False)
    except BulkWriteError as exc:
        if any(e.get("code") != DUPLICATE_KEY for e in exc.details.get("writeErrors", [])):
            raise
