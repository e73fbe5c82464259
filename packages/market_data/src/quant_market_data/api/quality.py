"""``/market-data/quality``: list findings, resolve one, check a series on demand (admin)."""

from beanie import PydanticObjectId
from fastapi import APIRouter, Depends, Query

from quant_market_data.api.deps import QualityServiceDep
from quant_market_data.api.tags import QUALITY
from quant_market_data.schemas.quality import QualityEventOut, QualityRunResult
from quant_market_data.services.instrument_service import get_instrument
from quant_market_data.services.quality_events import find_events, resolve_event
from quant_shared.auth import AdminUser, CurrentUser
from quant_shared.enums import DataInterval, DataQualityCheck, Severity
from quant_shared.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/market-data/quality", tags=[QUALITY])


@router.get("/events", response_model=Page[QualityEventOut], summary="Quality findings, newest first")
async def list_quality_events(
    principal: CurrentUser,
    symbol: str | None = Query(None, max_length=32),
    interval: DataInterval | None = Query(None),
    check: DataQualityCheck | None = Query(None),
    severity: Severity | None = Query(None),
    resolved: bool | None = Query(None),
    params: PageParams = Depends(page_params),
) -> dict:
    found = find_events(symbol, interval, check, severity, resolved)
    return await paginate(found, params, sort=[("created_at", -1), ("start", 1)], convert=QualityEventOut.of)


@router.post("/events/{event_id}/resolve", response_model=QualityEventOut, summary="Mark a finding resolved")
async def resolve_quality_event(principal: AdminUser, event_id: PydanticObjectId) -> QualityEventOut:
    event = await resolve_event(event_id, principal.user_id)
    return QualityEventOut.of(event)


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
