"""``PaperBook``: one symbol of a paper run: its state after the last bar it has run.

``_id`` is ``<run id>:<symbol>``; its bars are ``PaperBar`` documents. ``cursor`` (epoch ms of the
last processed bar) is the book's version: a bar is processed by the one write that moves the cursor
past it (compare-and-set).
"""

from typing import Any

from pydantic import Field

from quant_shared.document import OwnedDocument


class PaperBook(OwnedDocument):
    id: str  # type: ignore[assignment]
    run_id: str
    symbol: str
    initial_cash: float
    bar_count: int = Field(default=0, description="Bars run so far (``PaperBar`` documents).")
    cursor: int | None = Field(default=None, description="Epoch ms of the last processed bar.")
    equity: float
    cash: float
    position: dict[str, Any] | None = Field(default=None, description="The open trade, if any.")
    open_orders: list[dict[str, Any]] = Field(
        default_factory=list, description="Orders still working after the last bar (engine ``OpenOrder``)."
    )
    trades: int = Field(default=0, description="Trades entered so far (closed and open).")
    realized_pnl: float = 0.0
    day_start_equity: float = Field(description="Equity at the close of the previous UTC day's last bar.")
    day: int | None = Field(default=None, description="UTC day (epoch days) of the last processed bar.")

    class Settings:
        name = "paper_books"


def book_id(run_id: str, symbol: str) -> str:
    return f"{run_id}:{symbol}"
