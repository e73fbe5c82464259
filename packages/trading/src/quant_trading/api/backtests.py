"""``/backtests``: submit runs (202 + task), list and read them, trades, equity, cancel, delete."""

from fastapi import APIRouter, Depends, Query, Request, Response, status

from quant_shared.enums import BacktestStatus
from quant_shared.http import service_clients
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_shared.tasks import TaskAccepted
from quant_trading.api.deps import BacktestServiceDep
from quant_trading.models import Trade
from quant_trading.schemas.backtest import BacktestCreate, BacktestDetail, BacktestOut, EquitySeries

router = APIRouter(prefix="/backtests", tags=["Backtests"])


@router.post(
    "",
    response_model=TaskAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Run a backtest as a task (bars come from the market-data domain)",
)
async def create_backtest(
    body: BacktestCreate, request: Request, backtests: BacktestServiceDep
) -> TaskAccepted:
    return await backtests.submit(request.app, service_clients(request), body)


@router.get("", response_model=Page[BacktestOut], summary="Your backtests, newest first")
async def list_backtests(
    backtests: BacktestServiceDep,
    params: PageParams = Depends(page_params),
    status_: BacktestStatus | None = Query(None, alias="status"),
    strategy_id: str | None = Query(None, max_length=64),
    symbol: str | None = Query(None, max_length=32),
) -> dict:
    return await paginate(backtests.rows(status_, strategy_id, symbol), params)


@router.get("/{backtest_id}", response_model=BacktestDetail, summary="One backtest with its config and KPIs")
async def get_backtest(backtest_id: str, backtests: BacktestServiceDep) -> BacktestDetail:
    return BacktestDetail.of(await backtests.get(backtest_id))


@router.get("/{backtest_id}/trades", response_model=Page[Trade], summary="The backtest's trades (paged)")
async def list_backtest_trades(
    backtest_id: str, backtests: BacktestServiceDep, params: PageParams = Depends(page_params)
) -> dict:
    return await backtests.trades(backtest_id, params.offset, params.limit)


@router.get(
    "/{backtest_id}/equity", response_model=EquitySeries, summary="Equity and drawdown series (downsampled)"
)
async def get_backtest_equity(
    backtest_id: str,
    backtests: BacktestServiceDep,
    points: int | None = Query(None, ge=2, le=100_000, description="At most this many evenly spaced points."),
) -> dict:
    return await backtests.equity(backtest_id, points)


@router.post(
    "/{backtest_id}/cancel",
    response_model=BacktestDetail,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Stop a pending or running backtest",
)
async def cancel_backtest(backtest_id: str, backtests: BacktestServiceDep) -> BacktestDetail:
    return BacktestDetail.of(await backtests.cancel(backtest_id))


@router.delete("/{backtest_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a backtest")
async def delete_backtest(backtest_id: str, backtests: BacktestServiceDep) -> Response:
    await backtests.delete(backtest_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
