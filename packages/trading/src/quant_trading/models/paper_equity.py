"""``PaperEquityPoint``: a paper run's equity in one symbol's book at the close of one bar."""

from datetime import datetime

from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument


class PaperEquityPoint(OwnedDocument):
    id: str  # type: ignore[assignment]  # <run>:<symbol>:<epoch ms>
    run_id: str
    symbol: str
    time: datetime
    equity: float
    units: float

    class Settings:
        name = "paper_equity"
        indexes = [IndexModel([("run_id", ASCENDING), ("time", ASCENDING)])]
