"""``/admin/backtests``: every user's backtests, admin role only."""

from fastapi import APIRouter, Depends, Query, Response, status

from quant_shared.auth import Principal, require_admin
from quant_shared.enums import BacktestStatus
from quant_shared.pagination import Page, PageParams, page_params, paginate
from quant_trading.models import Backtest
from quant_trading.schemas.backtest import BacktestDetail
from quant_trading.services.backtests.backtest_service import BacktestService, list_filters

router = APIRouter(prefix="/admin/backtests", tags=["Admin Backtests"])


@router.get("/all", response_model=Page[BacktestDetail], summary="Every user's backtests, newest first")
async def list_all_backtests(
    params: PageParams = Depends(page_params),
    owner_id: str | None = Query(None, max_length=128),
    status_: BacktestStatus | None = Query(None, alias="status"),
    strategy_id: str | None = Query(None, max_length=64),
    symbol: str | None = Query(None, max_length=32),
    principal: Principal = Depends(require_admin),
) -> dict:
    filters = list_filters(owner_id, status_, strategy_id, symbol)
    return await paginate(
        Backtest.find(filters), params, sort=[("created_at", -1)], convert=BacktestDetail.of
    )


@router.delete("/{backtest_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete any backtest")
async def delete_any_backtest(backtest_id: str, principal: Principal = Depends(require_admin)) -> Response:
    service = BacktestService(principal)
    await service.delete(await service.get(backtest_id, any_owner=True))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
