"""``PaperRunService``: a user's paper runs (``every_owner``: an admin's view of all of them)."""

import logging
from typing import Any

from beanie import PydanticObjectId

from quant_shared.auth import Principal
from quant_shared.enums import PaperRunStatus, PaperStopCause
from quant_shared.errors import NotFoundError
from quant_shared.http import ServiceClients, UpstreamError
from quant_shared.pagination import PageParams, paginate
from quant_trading.models.paper_book import PaperBook, book_id
from quant_trading.models.paper_equity import PaperEquityPoint
from quant_trading.models.paper_fill import PaperFill
from quant_trading.models.paper_run import PaperRun
from quant_trading.schemas.paper_run import PaperRunCreate
from quant_trading.services.engine_bridge import to_datetime
from quant_trading.services.market_data_client import MarketDataClient
from quant_trading.services.paper.paper_events import process_run_bars
from quant_trading.services.paper.paper_risk import stop_run
from quant_trading.services.paper.paper_setup import resolve_run
from quant_trading.services.paper.paper_streams import load_books, register
from quant_trading.services.paper.paper_views import open_orders

NEWEST_FIRST = [("created_at", -1)]
log = logging.getLogger("quant.trading.paper")


def run_id_of(value: str) -> PydanticObjectId:
    try:
        return PydanticObjectId(value)
    except Exception as exc:
        raise NotFoundError(f"Paper run {value} not found") from exc


async def replay(run: PaperRun, symbol: str, columns: dict) -> None:
    if len(columns["timestamp"]):
        await process_run_bars(run, symbol, {k: list(v) for k, v in columns.items()}, None)


async def bars_after(market: MarketDataClient, run: PaperRun, symbol: str, columns: dict) -> dict:
    """Market data's bars after ``columns`` (none when it cannot answer: the live events bring them)."""
    last = columns["timestamp"][-1] if len(columns["timestamp"]) else None
    since = run.start if last is None else to_datetime(int(last) + 1)
    try:
        return await market.columnar_bars(symbol, run.interval, start=since)
    except UpstreamError:
        log.warning("paper run %s: bars of %s after its history not read", run.id, symbol)
        return {"timestamp": []}


class PaperRunService:
    def __init__(self, principal: Principal, every_owner: bool = False) -> None:
        self.principal, self.every_owner = principal, every_owner

    def owned(self, **filters: Any) -> dict[str, Any]:
        if not self.every_owner:
            filters["owner_id"] = self.principal.user_id
        return filters

    async def create(self, clients: ServiceClients, body: PaperRunCreate) -> PaperRun:
        """Validate everything (strategy, symbols, their bars from ``start``), then store the run and its
        books and replay the history since ``start`` through the live path."""
        market = MarketDataClient(clients, self.principal)
        run, history = await resolve_run(body, self.principal, market)
        await run.insert()
        cash = run.config.initial_cash / len(run.symbols)
        books = []
        for symbol in run.symbols:
            book = PaperBook(
                id=book_id(str(run.id), symbol),
                run_id=str(run.id),
                owner_id=run.owner_id,
                symbol=symbol,
                initial_cash=cash,
                equity=cash,
                cash=cash,
                day_start_equity=cash,
            )
            await book.insert()
            books.append(book)
        await register(run, books)
        for symbol, columns in history.items():
            await replay(run, symbol, columns)
        for symbol, columns in history.items():  # bars appended before the books joined their streams
            await replay(run, symbol, await bars_after(market, run, symbol, columns))
        return await self.get(str(run.id))

    def rows(self, status: PaperRunStatus | None):
        filters = self.owned()
        if status is not None:
            filters["status"] = status.value
        return PaperRun.find(filters)

    async def page(self, status: PaperRunStatus | None, params: PageParams) -> dict:
        return await paginate(self.rows(status), params, sort=NEWEST_FIRST)

    async def get(self, run_id: str) -> PaperRun:
        run = await PaperRun.find_one(self.owned(_id=run_id_of(run_id)))
        if run is None:
            raise NotFoundError(f"Paper run {run_id} not found")
        return run

    async def books(self, run: PaperRun) -> list[PaperBook]:
        return await load_books(run)

    async def fills(self, run_id: str, params: PageParams) -> dict:
        run = await self.get(run_id)
        query = PaperFill.find({"run_id": str(run.id)})
        return await paginate(query, params, sort=[("time", 1), ("symbol", 1), ("trade", 1), ("action", 1)])

    async def orders(self, run_id: str, params: PageParams) -> dict:
        """The working orders of every book, by symbol (a handful per symbol: paged in memory)."""
        items = open_orders(await self.books(await self.get(run_id)))
        end = params.offset + params.limit
        return {"items": items[params.offset : end], "total": len(items), **params.model_dump()}

    async def equity(self, run_id: str, params: PageParams) -> dict:
        run = await self.get(run_id)
        query = PaperEquityPoint.find({"run_id": str(run.id)})
        return await paginate(query, params, sort=[("time", 1), ("symbol", 1)])

    async def stop(self, run_id: str) -> PaperRun:
        run = await self.get(run_id)
        await stop_run(run.id, PaperStopCause.USER, "stopped by its owner")
        return await self.get(run_id)

    async def stop_all(self) -> int:
        """The kill switch (admin): every running run stops at once."""
        stopped = 0
        async for run in PaperRun.find({"status": PaperRunStatus.RUNNING.value}):
            stopped += await stop_run(run.id, PaperStopCause.ADMIN_KILL_SWITCH, "stopped by the kill switch")
        return stopped
