"""``/market-data/quotes``: latest price and day change of many symbols."""

from fastapi import APIRouter, Query

from quant_market_data.api.deps import BarStoreDep
from quant_market_data.api.tags import MARKET_DATA
from quant_market_data.schemas.quote import QuoteOut
from quant_market_data.services.quote_service import parse_symbols, quotes
from quant_shared.auth import CurrentUser

router = APIRouter(prefix="/market-data/quotes", tags=[MARKET_DATA])


@router.get("", response_model=list[QuoteOut], summary="Latest close and day change (from daily bars)")
async def get_quotes(
    store: BarStoreDep,
    principal: CurrentUser,
    symbols: str = Query(..., max_length=4000, description="Comma-separated symbols, e.g. AAPL,BTC-USD."),
) -> list[dict]:
    return await quotes(parse_symbols(symbols), store)
