"""``PaperFill``: one simulated order fill of a paper run (an entry or an exit of a trade)."""

from datetime import datetime

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.enums import ExitReason, OrderSide, PaperFillAction


class PaperFill(OwnedDocument):
    id: str  # type: ignore[assignment]  # <run>:<symbol>:<trade>:<action>[:<part>]
    run_id: str
    symbol: str
    trade: int = Field(description="Number of the trade in the symbol's book (order of entry), from 0.")
    part: int = Field(default=0, description="Exits of a trade closed in parts: 0, 1, ... in order.")
    action: PaperFillAction
    side: OrderSide
    time: datetime
    price: float
    units: float
    commission: float | None = Field(
        default=None,
        description="Exits: the whole trade's commission. Entries: the entry's, when the entry was "
        "processed before its exit (None when both came in one step).",
    )
    pnl: float | None = Field(default=None, description="Trade P&L, on exits.")
    reason: ExitReason | None = None

    class Settings:
        name = "paper_fills"
        indexes = [IndexModel([("run_id", ASCENDING), ("time", ASCENDING)])]
