"""``/market-data/quality/events``: data-quality findings."""

from fastapi import APIRouter, Depends, Query

from quant_market_data.api.tags import MARKET_DATA
from quant_market_data.schemas.quality import QualityEventOut
from quant_market_data.services.quality_findings import find_events
from quant_shared.auth import CurrentUser
from quant_shared.enums import DataInterval, DataQualityCheck, Severity
from quant_shared.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/market-data/quality", tags=[MARKET_DATA])


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
