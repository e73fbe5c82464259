"""``/market-data/fundamentals/{symbol}``: figures by period; uploads (admin)."""

from fastapi import APIRouter, Depends, Query

from quant_market_data.api.tags import FUNDAMENTALS
from quant_market_data.schemas.fundamental import FundamentalOut, FundamentalUpload, FundamentalUploadResult
from quant_market_data.services.fundamental_service import list_fundamentals, upsert_fundamentals
from quant_market_data.services.instrument_service import get_instrument
from quant_shared.auth import Principal, require_admin, require_user
from quant_shared.enums import FundamentalPeriod

router = APIRouter(prefix="/market-data/fundamentals", tags=[FUNDAMENTALS])


@router.get("/{symbol}", response_model=list[FundamentalOut], summary="Fundamentals, newest period first")
async def get_fundamentals(
    symbol: str,
    period: FundamentalPeriod | None = Query(None),
    limit: int = Query(40, ge=1, le=400),
    principal: Principal = Depends(require_user),
) -> list[dict]:
    instrument = await get_instrument(symbol)
    return await list_fundamentals(instrument.symbol, period, limit)


@router.post("/{symbol}", response_model=FundamentalUploadResult, summary="Upload fundamentals (idempotent)")
async def upload_fundamentals(
    symbol: str, body: FundamentalUpload, principal: Principal = Depends(require_admin)
) -> dict:
    instrument = await get_instrument(symbol)
    return await upsert_fundamentals(instrument.symbol, body.items)
