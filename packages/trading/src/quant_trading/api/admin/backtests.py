"""``/admin/backtests``: every user's backtests, admin role only."""

from fastapi import APIRouter, Depends, Query, Response, status

from quant_shared.enums import BacktestStatus
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_trading.api.deps import AdminBacktestServiceDep
from quant_trading.schemas.backtest import BacktestDetail

router = APIRouter(prefix="/admin/backtests", tags=["Admin Backtests"])


@router.get("/all", response_model=Page[BacktestDetail], summary="Every user's backtests, newest first")
async def list_all_backtests(
    backtests: AdminBacktestServiceDep,
    params: PageParams = Depends(page_params),
    owner_id: str | None = Query(None, max_length=128),
    status_: BacktestStatus | None = Query(None, alias="status"),
    strategy_id: str | None = Query(None, max_length=64),
    symbol: str | None = Query(None, max_length=32),
) -> dict:
    query = backtests.query(status_, strategy_id, symbol, owner_id=owner_id)
    return await paginate(query, params, convert=BacktestDetail.of)


@router.delete("/{backtest_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete any backtest")
async def delete_any_backtest(backtest_id: str, backtests: AdminBacktestServiceDep) -> Response:
    await backtests.delete(backtest_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
