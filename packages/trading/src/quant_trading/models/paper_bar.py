"""``PaperBar``: one bar a paper book has run, as it arrived (``_id`` ``<run>:<symbol>:<epoch ms>``).

Bars are written once, before the step that runs them moves the book's cursor, so the book's bars
are those of its ``book_id`` up to its cursor.
"""

from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument


class PaperBar(OwnedDocument):
    id: str  # type: ignore[assignment]
    book_id: str
    t: int  # epoch ms
    o: float
    h: float
    l: float  # noqa: E741
    c: float
    v: float

    class Settings:
        name = "paper_bars"
        indexes = [IndexModel([("book_id", ASCENDING)])]
