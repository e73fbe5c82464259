"""``/market-data/quality``: list findings, resolve one, check a series on demand (admin)."""

from beanie import PydanticObjectId
from fastapi import APIRouter, Depends, Query

from quant_market_data.api.deps import quality_service
from quant_market_data.api.tags import QUALITY
from quant_market_data.models import DataQualityEvent
from quant_market_data.schemas.quality import QualityEventOut, QualityRunResult
from quant_market_data.services.instrument_service import get_instrument
from quant_market_data.services.quality_service import QualityService
from quant_shared.auth import Principal, require_admin, require_user
from quant_shared.enums import DataInterval, DataQualityCheck, Severity
from quant_shared.errors import NotFoundError
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
    query: dict = {}
    for name, value in (("symbol", symbol and symbol.upper()), ("interval", interval), ("check", check)):
        if value is not None:
            query[name] = str(value)
    if severity is not None:
        query["severity"] = severity.value
    if resolved is not None:
        query["resolved"] = resolved
    found = DataQualityEvent.find(query)
    return await paginate(found, params, sort=[("created_at", -1), ("start", 1)], convert=QualityEventOut.of)


@router.post("/events/{event_id}/resolve", response_model=QualityEventOut, summary="Mark a finding resolved")
async def resolve_quality_event(
    event_id: PydanticObjectId, principal: Principal = Depends(require_admin)
) -> QualityEventOut:
    event = await DataQualityEvent.get(event_id)
    if event is None:
        raise NotFoundError(f"Quality event {event_id} not found")
    if not event.resolved:
        event.mark_resolved(principal.user_id)
        fields = {k: getattr(event, k) for k in ("resolved", "resolved_at", "resolved_by")}
        # update operators, not save(): a stale copy would bring back its already published event
        await DataQualityEvent.find_one({"_id": event.id}).update({"$set": fields})
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
