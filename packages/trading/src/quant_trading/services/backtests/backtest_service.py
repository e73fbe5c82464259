"""Backtests owned by users: submit (validate + fetch bars + dispatch), list, read, cancel, delete."""

import asyncio
from typing import Any

from beanie import PydanticObjectId
from beanie.odm.queries.find import FindMany
from fastapi import FastAPI

from quant_shared.auth import Principal
from quant_shared.enums import BacktestStatus
from quant_shared.errors import ConflictError, NotFoundError, ValidationProblem
from quant_shared.http import ServiceClients
from quant_shared.tasks import Task, TaskAccepted
from quant_trading.models import Backtest, BacktestExecution, BacktestResult
from quant_trading.schemas.backtest import BacktestCreate, BacktestOut
from quant_trading.services.backtests import trade_log
from quant_trading.services.backtests.backtest_executor import submit_backtest
from quant_trading.services.backtests.requested_strategy import check_range, resolve_strategy
from quant_trading.services.backtests.series import downsample
from quant_trading.settings import trading_settings

FINAL = (BacktestStatus.COMPLETED, BacktestStatus.FAILED, BacktestStatus.CANCELLED)
NEWEST_FIRST = [("created_at", -1)]


def backtest_id_of(value: str) -> PydanticObjectId:
    try:
        return PydanticObjectId(value)
    except Exception as exc:
        raise NotFoundError(f"Backtest {value} not found") from exc


class BacktestService:
    """A user's backtests; with ``every_owner`` (admin routes only) every user's."""

    def __init__(self, principal: Principal, every_owner: bool = False) -> None:
        self.principal = principal
        self.every_owner = every_owner

    def owned(self, **filters: Any) -> dict[str, Any]:
        """``filters`` narrowed to the backtests this service may read and change."""
        if not self.every_owner:
            filters["owner_id"] = self.principal.user_id
        return filters

    async def submit(self, app: FastAPI, clients: ServiceClients, body: BacktestCreate) -> TaskAccepted:
        limit = trading_settings(app).max_symbols
        if len(body.symbols) > limit:
            raise ValidationProblem.field("body.symbols", f"at most {limit} symbols per backtest")
        return await submit_backtest(app, clients, self.principal, await self.new_backtest(body))

    async def new_backtest(self, body: BacktestCreate) -> Backtest:
        check_range(body)
        strategy = await resolve_strategy(body, self.principal)
        default_name = f"{strategy.pop('name')} on {', '.join(body.symbols)}"
        return Backtest(
            owner_id=self.principal.user_id,
            name=body.name or default_name,
            symbols=body.symbols,
            interval=body.interval,
            start=body.start,
            end=body.end,
            config=body.config,
            generate_narrative=body.generate_narrative,
            **strategy,
        )

    def query(
        self,
        status: BacktestStatus | None = None,
        strategy_id: str | None = None,
        symbol: str | None = None,
        owner_id: str | None = None,
    ) -> FindMany[Backtest]:
        """The backtests matching the filters, newest first (``owner_id``: with ``every_owner`` only)."""
        filters = list_filters(owner_id, status, strategy_id, symbol)
        return Backtest.find(self.owned(**filters)).sort(NEWEST_FIRST)

    def rows(self, status: BacktestStatus | None, strategy_id: str | None, symbol: str | None):
        """The list rows, read with a projection straight into ``BacktestOut`` (no document per row)."""
        return self.query(status, strategy_id, symbol).project(BacktestOut)

    async def get(self, backtest_id: str) -> Backtest:
        backtest = await Backtest.find_one(self.owned(_id=backtest_id_of(backtest_id)))
        if backtest is None:
            raise NotFoundError(f"Backtest {backtest_id} not found")
        return backtest

    async def result(self, backtest: Backtest) -> BacktestResult:
        result = await BacktestResult.find_one({"backtest_id": str(backtest.id)})
        if result is None:
            raise ConflictError(f"Backtest {backtest.id} has no results (status {backtest.status.value})")
        return result

    async def trades(self, backtest_id: str, offset: int, limit: int) -> dict[str, Any]:
        """One page of the backtest's trades (only that page decoded)."""
        result = await self.result(await self.get(backtest_id))
        items, total = await asyncio.to_thread(trade_log.page, result.trade_log, offset, limit)
        return {"items": items, "total": total, "limit": limit, "offset": offset}

    async def equity(self, backtest_id: str, points: int | None) -> dict[str, list]:
        """Equity and drawdown series, at most ``points`` evenly spaced rows when given."""
        result = await self.result(await self.get(backtest_id))
        series = {"timestamp": result.timestamp, "equity": result.equity, "drawdown": result.drawdown}
        return downsample(series, points) if points else series

    async def cancel(self, backtest_id: str) -> Backtest:
        backtest = await self.get(backtest_id)
        if backtest.status in FINAL:
            raise ConflictError(f"Backtest is already {backtest.status.value}")
        await request_task_cancel(backtest.task_id)
        await Backtest.find_one({"_id": backtest.id, "status": {"$nin": list(FINAL)}}).update(
            {"$set": {"status": BacktestStatus.CANCELLED, "error": "cancelled by request"}}
        )
        return await self.get(backtest_id)

    async def delete(self, backtest_id: str) -> None:
        backtest = await self.get(backtest_id)
        if backtest.status not in FINAL:
            await request_task_cancel(backtest.task_id)
        key = str(backtest.id)
        await BacktestResult.find({"backtest_id": key}).delete()
        await BacktestExecution.find({"backtest_id": key}).delete()
        await backtest.delete()


async def request_task_cancel(task_id: str | None) -> None:
    if task_id:
        await Task.find_one({"_id": PydanticObjectId(task_id)}).update({"$set": {"cancel_requested": True}})


def list_filters(
    owner_id: str | None, status: BacktestStatus | None, strategy_id: str | None, symbol: str | None
) -> dict[str, Any]:
    filters: dict[str, Any] = {}
    if owner_id is not None:
        filters["owner_id"] = owner_id
    if status is not None:
        filters["status"] = status
    if strategy_id is not None:
        filters["strategy_id"] = strategy_id
    if symbol is not None:
        filters["symbols"] = symbol.strip().upper()
    return filters
