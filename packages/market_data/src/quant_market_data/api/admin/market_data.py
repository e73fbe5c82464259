"""``/admin/market-data``: delete a symbol's data, re-run every quality check."""

from fastapi import APIRouter, Depends

from quant_market_data.api.deps import bar_store, quality_service
from quant_market_data.api.tags import ADMIN
from quant_market_data.models import DataQualityEvent, Fundamental
from quant_market_data.schemas.quality import QualityRunResult
from quant_market_data.services.bar_store import BarStore
from quant_market_data.services.instrument_service import get_instrument
from quant_market_data.services.quality_service import QualityService
from quant_shared.auth import Principal, require_admin

router = APIRouter(prefix="/admin/market-data", tags=[ADMIN])


@router.delete("/symbols/{symbol}", summary="Delete a symbol: instrument, bars, fundamentals, quality events")
async def delete_symbol(
    symbol: str, store: BarStore = Depends(bar_store), principal: Principal = Depends(require_admin)
) -> dict:
    instrument = await get_instrument(symbol)
    bars = await store.delete_symbol(instrument.symbol)
    fundamentals = (await Fundamental.find({"symbol": instrument.symbol}).delete()).deleted_count
    events = (await DataQualityEvent.find({"symbol": instrument.symbol}).delete()).deleted_count
    await instrument.delete()
    return {"symbol": instrument.symbol, "bars": bars, "fundamentals": fundamentals, "quality_events": events}


@router.post("/quality/run", response_model=QualityRunResult, summary="Re-run quality checks on every series")
async def run_all_quality_checks(
    service: QualityService = Depends(quality_service), principal: Principal = Depends(require_admin)
) -> dict:
    return await service.check_all()
