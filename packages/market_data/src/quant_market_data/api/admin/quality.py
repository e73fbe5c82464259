"""``/admin/market-data/quality``: resolve a finding, check one series now."""

from beanie import PydanticObjectId
from fastapi import APIRouter, Query

from quant_market_data.api.deps import QualityServiceDep
from quant_market_data.api.tags import ADMIN
from quant_market_data.schemas.quality import QualityRunResult
from quant_market_data.services.instrument_service import get_instrument
from quant_market_data.services.quality_findings import resolve_event
from quant_shared.auth import AdminUser
from quant_shared.data_quality_event import DataQualityEventOut
from quant_shared.enums import DataInterval

router = APIRouter(prefix="/admin/market-data/quality", tags=[ADMIN])


@router.post(
    "/events/{event_id}/resolve", response_model=DataQualityEventOut, summary="Mark a finding resolved"
)
async def resolve_quality_event(principal: AdminUser, event_id: PydanticObjectId) -> DataQualityEventOut:
    return DataQualityEventOut.of(await resolve_event(event_id, principal.user_id))


@router.post("/checks/{symbol}", response_model=QualityRunResult, summary="Check one series now")
async def check_series(
    service: QualityServiceDep,
    principal: AdminUser,
    symbol: str,
    interval: DataInterval = Query(DataInterval.D1),
) -> dict:
    instrument = await get_instrument(symbol)
    findings = await service.check_series(instrument.symbol, interval)
    return {"series": 1, "events": len(findings)}
