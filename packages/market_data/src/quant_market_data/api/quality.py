"""``/market-data/quality/events``: data-quality findings on bars and fundamentals."""

from fastapi import APIRouter, Depends, Query

from quant_market_data.api.tags import MARKET_DATA
from quant_market_data.services.quality_findings import find_events
from quant_shared.auth import CurrentUser
from quant_shared.data_quality_event import DataQualityEventOut
from quant_shared.enums import DataInterval, DataQualityCheck, DataQualityDataset, Severity
from quant_shared.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/market-data/quality", tags=[MARKET_DATA])


@router.get("/events", response_model=Page[DataQualityEventOut], summary="Quality findings, newest first")
async def list_quality_events(
    principal: CurrentUser,
    dataset: DataQualityDataset | None = Query(None, description="bars or fundamentals"),
    symbol: str | None = Query(None, max_length=32),
    interval: DataInterval | None = Query(None),
    check: DataQualityCheck | None = Query(None),
    severity: Severity | None = Query(None),
    resolved: bool | None = Query(None),
    params: PageParams = Depends(page_params),
) -> dict:
    found = find_events(dataset, symbol, interval, check, severity, resolved)
    return await paginate(
        found, params, sort=[("created_at", -1), ("start", 1)], convert=DataQualityEventOut.of
    )
