"""``/market-data/quality``: list findings, resolve one, check a series on demand (admin)."""

from beanie import PydanticObjectId
from fastapi import APIRouter, Depends, Query

from quant_market_data.api.deps import quality_service
from quant_market_data.api.tags import QUALITY
from quant_market_data.schemas.quality import QualityEventOut, QualityRunResult
from quant_market_data.services.instrument_service import get_instrument
from quant_market_data.services.quality_events import find_events, resolve_event
from quant_market_data.services.quality_service import QualityService
from quant_shared.auth import Principal, require_admin, require_user
from quant_shared.enums import DataInterval, DataQualityCheck, Severity
from quant_shared.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/market-data/quality", tags=[QUALITY])


@router.get("/events", response_model=Page[QualityEventOut], summary="Quality findings, newest first")
async def list_quality_events(
    symbol: str | None = Query(None, max_length=32),
    interval: DataInterval | None = Query(None),
    check: DataQualityCheck | None = Query(None),
    severity: Severity | None = Query(None),
    resolved: bool | None = Query(None),
    params: PageParams = Depends(page_params),
    principal: Principal = Depends(require_user),
) -> dict:
    found = find_events(symbol, interval, check, severity, resolved)
    return await paginate(found, params, sort=[("created_at", -1), ("start", 1)], convert=QualityEventOut.of)


@router.post("/events/{event_id}/resolve", response_model=QualityEventOut, summary="Mark a finding resolved")
async def resolve_quality_event(
    event_id: PydanticObjectId, principal: Principal = Depends(require_admin)
) -> QualityEventOut:
    event = await resolve_event(event_id, principal.user_id)
    return QualityEventOut.of(event)


@router.post("/checks/{symbol}", response_model=QualityRunResult, summary="Check one series now")
async def check_series(
    symbol: str,
    interval: DataInterval = Query(DataInterval.D1),
    service: QualityService = Depends(quality_service),
    principal: Principal = Depends(require_admin),
) -> dict:
    instrument = await get_instrument(symbol)
    findings = await service.check_series(instrument.symbol, interval)
    return {"series": 1, "events": len(findings)}
