"""Watchlists of one owner: CRUD, items, ordering and limits; symbols checked with market data."""

from beanie import PydanticObjectId
from bson.errors import InvalidId

from quant_shared.errors import ConflictError, NotFoundError, ValidationProblem
from quant_user.models.watchlist import Watchlist, WatchlistItem
from quant_user.schemas.watchlists import WatchlistIn, WatchlistItemIn, WatchlistUpdate
from quant_user.services.symbol_validator import SymbolValidator
from quant_user.settings import UserSettings


class WatchlistService:
    def __init__(self, owner_id: str, settings: UserSettings, validator: SymbolValidator) -> None:
        self.owner_id = owner_id
        self.settings = settings
        self.validator = validator

    async def list_all(self) -> list[Watchlist]:
        return (
            await Watchlist.find(Watchlist.owner_id == self.owner_id)
            .sort("+position", "+created_at")
            .to_list()
        )

    async def get(self, watchlist_id: str) -> Watchlist:
        try:
            doc = await Watchlist.get(PydanticObjectId(watchlist_id))
        except (InvalidId, TypeError, ValueError):
            doc = None
        if doc is None or doc.owner_id != self.owner_id:
            raise NotFoundError(f"Watchlist {watchlist_id} not found")
        return doc

    async def _name_free(self, name: str, except_id=None) -> None:
        other = await Watchlist.find_one(Watchlist.owner_id == self.owner_id, Watchlist.name == name)
        if other is not None and other.id != except_id:
            raise ConflictError(f"You already have a watchlist named {name!r}")

    def _check_limit(self, count: int, field: str) -> None:
        if count > self.settings.max_watchlist_items:
            raise ValidationProblem.field(
                field, f"a watchlist holds at most {self.settings.max_watchlist_items} items"
            )

    async def create(self, data: WatchlistIn) -> Watchlist:
        existing = await Watchlist.find(Watchlist.owner_id == self.owner_id).count()
        if existing >= self.settings.max_watchlists:
            raise ConflictError(
                f"At most {self.settings.max_watchlists} watchlists per user; delete one first"
            )
        self._check_limit(len(data.items), "body.items")
        seen: set[str] = set()
        for i, item in enumerate(data.items):
            if item.symbol in seen:
                raise ValidationProblem.field(f"body.items.{i}.symbol", f"{item.symbol} is listed twice")
            seen.add(item.symbol)
        await self._name_free(data.name)
        await self.validator.check([(f"body.items.{i}.symbol", it.symbol) for i, it in enumerate(data.items)])
        doc = Watchlist(
            owner_id=self.owner_id,
            name=data.name,
            description=data.description,
            position=existing,
            items=[WatchlistItem(symbol=it.symbol, note=it.note) for it in data.items],
        )
        return await doc.insert()

    async def update(self, watchlist_id: str, data: WatchlistUpdate) -> Watchlist:
        doc = await self.get(watchlist_id)
        changes = data.model_dump(exclude_unset=True)
        if changes.get("name") is not None and changes["name"] != doc.name:
            await self._name_free(changes["name"], doc.id)
            doc.name = changes["name"]
        if "description" in changes:
            doc.description = changes["description"]
        await doc.save()
        return doc

    async def delete(self, watchlist_id: str) -> None:
        await (await self.get(watchlist_id)).delete()

    async def reorder(self, ids: list[str]) -> list[Watchlist]:
        docs = await self.list_all()
        if sorted(ids) != sorted(str(d.id) for d in docs):
            raise ValidationProblem.field("body.ids", "must list each of your watchlist ids exactly once")
        rank = {wid: i for i, wid in enumerate(ids)}
        for doc in docs:
            doc.position = rank[str(doc.id)]
            await doc.save()
        return sorted(docs, key=lambda d: d.position)

    async def add_item(self, watchlist_id: str, item: WatchlistItemIn) -> Watchlist:
        doc = await self.get(watchlist_id)
        if any(it.symbol == item.symbol for it in doc.items):
            raise ConflictError(f"{item.symbol} is already in this watchlist")
        self._check_limit(len(doc.items) + 1, "body.symbol")
        await self.validator.check([("body.symbol", item.symbol)])
        doc.items.append(WatchlistItem(symbol=item.symbol, note=item.note))
        await doc.save()
        return doc

    def _index(self, doc: Watchlist, symbol: str) -> int:
        symbol = symbol.strip().upper()
        for i, it in enumerate(doc.items):
            if it.symbol == symbol:
                return i
        raise NotFoundError(f"{symbol} is not in this watchlist")

    async def update_item(self, watchlist_id: str, symbol: str, note: str | None) -> Watchlist:
        doc = await self.get(watchlist_id)
        doc.items[self._index(doc, symbol)].note = note
        await doc.save()
        return doc

    async def remove_item(self, watchlist_id: str, symbol: str) -> Watchlist:
        doc = await self.get(watchlist_id)
        doc.items.pop(self._index(doc, symbol))
        await doc.save()
        return doc

    async def reorder_items(self, watchlist_id: str, symbols: list[str]) -> Watchlist:
        doc = await self.get(watchlist_id)
        if sorted(symbols) != sorted(it.symbol for it in doc.items):
            raise ValidationProblem.field(
                "body.symbols", "must list each symbol of the watchlist exactly once"
            )
        by_symbol = {it.symbol: it for it in doc.items}
        doc.items = [by_symbol[s] for s in symbols]
        await doc.save()
        return doc

    async def symbols(self) -> list[str]:
        """Every symbol of the owner's watchlists, in display order, without repeats."""
        return list(dict.fromkeys(it.symbol for wl in await self.list_all() for it in wl.items))
