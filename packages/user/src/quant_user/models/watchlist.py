"""``Watchlist``: a named, ordered list of symbols owned by one user."""

from datetime import datetime

from pydantic import BaseModel, Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument
from quant_shared.timeutil import utcnow


class WatchlistItem(BaseModel):
    symbol: str
    note: str | None = None
    added_at: datetime = Field(default_factory=utcnow)


class Watchlist(OwnedDocument):
    name: str
    description: str | None = None
    position: int = Field(default=0, description="Display order among the owner's watchlists.")
    items: list[WatchlistItem] = Field(default_factory=list, description="In display order.")

    class Settings:
        name = "watchlists"
        use_state_management = False
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("name", ASCENDING)], unique=True, name="owner_name_unique")
        ]
