"""``/admin/market-data``: delete a symbol's data, re-run every quality check."""

from fastapi import APIRouter, Request

from quant_market_data.api.deps import BarStoreDep
from quant_market_data.api.tags import ADMIN
from quant_market_data.services.instrument_service import delete_instrument, get_instrument
from quant_market_data.services.quality_jobs import CHECK_ALL
from quant_shared.auth import AdminUser
from quant_shared.tasks import TaskAccepted

router = APIRouter(prefix="/admin/market-data", tags=[ADMIN])


@router.delete("/symbols/{symbol}", summary="Delete a symbol: instrument, bars, fundamentals, quality events")
async def delete_symbol(store: BarStoreDep, principal: AdminUser, symbol: str) -> dict:
    instrument = await get_instrument(symbol)
    return await delete_instrument(instrument, await store.delete_symbol(instrument.symbol))


@router.post(
    "/quality/run",
    status_code=202,
    response_model=TaskAccepted,
    summary="Re-run quality checks on every series (a task; its result: series and events)",
)
async def run_all_quality_checks(principal: AdminUser, request: Request) -> TaskAccepted:
    task = await request.app.state.task_dispatcher.dispatch(
        kind="quality-run", domain="market_data", owner_id=principal.user_id, fn=CHECK_ALL
    )
    return TaskAccepted(task_id=str(task.id), status_url=f"/tasks/{task.id}")
