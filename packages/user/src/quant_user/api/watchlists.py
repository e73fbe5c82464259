"""``/watchlists``: your watchlists, their items and their order."""

from fastapi import APIRouter, Path, Response, status

from quant_user.api.deps import WatchlistServiceDep
from quant_user.models.watchlist import Watchlist
from quant_user.schemas.watchlists import (
    ItemOrderIn,
    WatchlistIn,
    WatchlistItemIn,
    WatchlistItemUpdate,
    WatchlistOrderIn,
    WatchlistOut,
    WatchlistUpdate,
)

router = APIRouter(prefix="/watchlists", tags=["Watchlists"])
SymbolPath = Path(min_length=1, max_length=32)


def watchlist_out(doc: Watchlist) -> WatchlistOut:
    return WatchlistOut(id=str(doc.id), **doc.model_dump(include=set(WatchlistOut.model_fields) - {"id"}))


@router.get("", response_model=list[WatchlistOut], summary="Your watchlists, in your order")
async def list_watchlists(service: WatchlistServiceDep) -> list[WatchlistOut]:
    return [watchlist_out(d) for d in await service.list_all()]


@router.post(
    "", response_model=WatchlistOut, status_code=status.HTTP_201_CREATED, summary="Create a watchlist"
)
async def create_watchlist(body: WatchlistIn, service: WatchlistServiceDep) -> WatchlistOut:
    return watchlist_out(await service.create(body))


@router.put("/order", response_model=list[WatchlistOut], summary="Reorder your watchlists")
async def reorder_watchlists(body: WatchlistOrderIn, service: WatchlistServiceDep) -> list[WatchlistOut]:
    return [watchlist_out(d) for d in await service.reorder(body.ids)]


@router.get("/{watchlist_id}", response_model=WatchlistOut, summary="One of your watchlists")
async def get_watchlist(watchlist_id: str, service: WatchlistServiceDep) -> WatchlistOut:
    return watchlist_out(await service.get(watchlist_id))


@router.patch("/{watchlist_id}", response_model=WatchlistOut, summary="Rename or describe a watchlist")
async def update_watchlist(
    watchlist_id: str, body: WatchlistUpdate, service: WatchlistServiceDep
) -> WatchlistOut:
    return watchlist_out(await service.update(watchlist_id, body))


@router.delete("/{watchlist_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a watchlist")
async def delete_watchlist(watchlist_id: str, service: WatchlistServiceDep) -> Response:
    await service.delete(watchlist_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{watchlist_id}/items",
    response_model=WatchlistOut,
    status_code=status.HTTP_201_CREATED,
    summary="Add a symbol",
)
async def add_item(watchlist_id: str, body: WatchlistItemIn, service: WatchlistServiceDep) -> WatchlistOut:
    return watchlist_out(await service.add_item(watchlist_id, body))


@router.put("/{watchlist_id}/items/order", response_model=WatchlistOut, summary="Reorder the symbols")
async def reorder_items(watchlist_id: str, body: ItemOrderIn, service: WatchlistServiceDep) -> WatchlistOut:
    return watchlist_out(await service.reorder_items(watchlist_id, body.symbols))


@router.patch("/{watchlist_id}/items/{symbol}", response_model=WatchlistOut, summary="Change an item's note")
async def update_item(
    service: WatchlistServiceDep,
    watchlist_id: str,
    body: WatchlistItemUpdate,
    symbol: str = SymbolPath,
) -> WatchlistOut:
    return watchlist_out(await service.update_item(watchlist_id, symbol, body.note))


@router.delete("/{watchlist_id}/items/{symbol}", response_model=WatchlistOut, summary="Remove a symbol")
async def remove_item(
    service: WatchlistServiceDep, watchlist_id: str, symbol: str = SymbolPath
) -> WatchlistOut:
    return watchlist_out(await service.remove_item(watchlist_id, symbol))
