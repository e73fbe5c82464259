"""Watchlists and their items."""

from datetime import datetime

from pydantic import Field

from quant_shared.schema import BaseSchema
from quant_user.schemas.fields import Symbol

Name = Field(min_length=1, max_length=80)
Note = Field(default=None, max_length=500)


class WatchlistItemIn(BaseSchema):
    symbol: Symbol
    note: str | None = Note


class WatchlistItemOut(BaseSchema):
    symbol: str
    note: str | None = None
    added_at: datetime


class WatchlistIn(BaseSchema):
    name: str = Name
    description: str | None = Field(default=None, max_length=500)
    items: list[WatchlistItemIn] = Field(default_factory=list)


class WatchlistUpdate(BaseSchema):
    name: str | None = Field(default=None, min_length=1, max_length=80)
    description: str | None = Field(default=None, max_length=500)


class WatchlistItemUpdate(BaseSchema):
    note: str | None = Note


class WatchlistOut(BaseSchema):
    id: str
    name: str
    description: str | None = None
    position: int
    items: list[WatchlistItemOut]
    created_at: datetime
    updated_at: datetime


class WatchlistOrderIn(BaseSchema):
    ids: list[str] = Field(min_length=1, description="Every watchlist id of yours, in the new order.")


class ItemOrderIn(BaseSchema):
    symbols: list[Symbol] = Field(min_length=1, description="Every symbol of the list, in the new order.")
