"""``/backtests``: submit runs (202 + task), list and read them, trades, equity, cancel, delete."""

import asyncio

from fastapi import APIRouter, Depends, Query, Request, Response, status

from quant_shared.auth import Principal, require_user
from quant_shared.enums import BacktestStatus
from quant_shared.errors import ValidationProblem
from quant_shared.http import service_clients
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_shared.tasks import TaskAccepted
from quant_trading.models import Backtest, Trade
from quant_trading.schemas.backtest import BacktestCreate, BacktestDetail, BacktestOut, EquitySeries
from quant_trading.services.backtests import trade_log
from quant_trading.services.backtests.backtest_executor import submit_backtest
from quant_trading.services.backtests.backtest_service import BacktestService, list_filters
from quant_trading.services.backtests.series import downsample
from quant_trading.settings import trading_settings

router = APIRouter(prefix="/backtests", tags=["Backtests"])


@router.post(
    "",
    response_model=TaskAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Run a backtest as a task (bars come from the market-data domain)",
)
async def create_backtest(
    body: BacktestCreate, request: Request, principal: Principal = Depends(require_user)
) -> TaskAccepted:
    limit = trading_settings(request.app).max_symbols
    if len(body.symbols) > limit:
        raise ValidationProblem.field("body.symbols", f"at most {limit} symbols per backtest")
    backtest = await BacktestService(principal).new_backtest(body)
    return await submit_backtest(request.app, service_clients(request), principal, backtest)


@router.get("", response_model=Page[BacktestOut], summary="Your backtests, newest first")
async def list_backtests(
    params: PageParams = Depends(page_params),
    status_: BacktestStatus | None = Query(None, alias="status"),
    strategy_id: str | None = Query(None, max_length=64),
    symbol: str | None = Query(None, max_length=32),
    principal: Principal = Depends(require_user),
) -> dict:
    filters = list_filters(principal.user_id, status_, strategy_id, symbol)
    return await paginate(Backtest.find(filters).project(BacktestOut), params, sort=[("created_at", -1)])


@router.get("/{backtest_id}", response_model=BacktestDetail, summary="One backtest with its config and KPIs")
async def get_backtest(backtest_id: str, principal: Principal = Depends(require_user)) -> BacktestDetail:
    return BacktestDetail.of(await BacktestService(principal).get(backtest_id))


@router.get("/{backtest_id}/trades", response_model=Page[Trade], summary="The backtest's trades (paged)")
async def list_backtest_trades(
    backtest_id: str, params: PageParams = Depends(page_params), principal: Principal = Depends(require_user)
) -> dict:
    service = BacktestService(principal)
    result = await service.result(await service.get(backtest_id))
    items, total = await asyncio.to_thread(trade_log.page, result.trade_log, params.offset, params.limit)
    return {"items": items, "total": total, "limit": params.limit, "offset": params.offset}


@router.get(
    "/{backtest_id}/equity", response_model=EquitySeries, summary="Equity and drawdown series (downsampled)"
)
async def get_backtest_equity(
    backtest_id: str,
    points: int | None = Query(None, ge=2, le=100_000, description="At most this many evenly spaced points."),
    principal: Principal = Depends(require_user),
) -> dict:
    service = BacktestService(principal)
    result = await service.result(await service.get(backtest_id))
    series = {"timestamp": result.timestamp, "equity": result.equity, "drawdown": result.drawdown}
    return downsample(series, points) if points else series


@router.post(
    "/{backtest_id}/cancel",
    response_model=BacktestDetail,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Stop a pending or running backtest",
)
async def cancel_backtest(backtest_id: str, principal: Principal = Depends(require_user)) -> BacktestDetail:
    service = BacktestService(principal)
    return BacktestDetail.of(await service.cancel(await service.get(backtest_id)))


@router.delete("/{backtest_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a backtest")
async def delete_backtest(backtest_id: str, principal: Principal = Depends(require_user)) -> Response:
    service = BacktestService(principal)
    await service.delete(await service.get(backtest_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
