"""``/market-data/fundamentals/{symbol}``: figures by period."""

from fastapi import APIRouter, Query

from quant_market_data.api.tags import MARKET_DATA
from quant_market_data.schemas.fundamental import (
    FundamentalOut,
)
from quant_market_data.services import fundamental_service
from quant_market_data.services.instrument_service import get_instrument
from quant_shared.auth import CurrentUser
from quant_shared.enums import FundamentalPeriod

router = APIRouter(prefix="/market-data/fundamentals", tags=[MARKET_DATA])


@router.get("/{symbol}", response_model=list[FundamentalOut], summary="Fundamentals, newest period first")
async def list_fundamentals(
    principal: CurrentUser,
    symbol: str,
    period: FundamentalPeriod | None = Query(None),
    limit: int = Query(40, ge=1, le=400),
) -> list[dict]:
    instrument = await get_instrument(symbol)
    return await fundamental_service.list_fundamentals(instrument.symbol, period, limit)
