"""``PaperStream``: the live state of every running paper book on one (symbol, interval).

``_id`` is ``<symbol>:<interval>``; ``books`` maps a run id to its book's state after the last bar
it processed (cursor, bars run, cash, equity, position, orders, trades, P&L, the day's start
equity). ``version`` moves with every write, so the books of one symbol step together under one
compare-and-set. A stopped run's state is copied to its ``PaperBook`` and leaves the stream.
"""

from typing import Any

from pydantic import Field

from quant_shared.document import BaseDocument


class PaperStream(BaseDocument):
    id: str  # type: ignore[assignment]
    version: int = 0
    books: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Run id -> book state.")

    class Settings:
        name = "paper_streams"
