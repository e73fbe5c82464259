"""``/market-data/quotes``: latest price and day change of many symbols."""

from fastapi import APIRouter, Depends, Query

from quant_market_data.api.deps import bar_store
from quant_market_data.api.tags import QUOTES
from quant_market_data.schemas.quote import QuoteOut
from quant_market_data.services.bar_store import BarStore
from quant_market_data.services.quote_service import parse_symbols, quotes
from quant_shared.auth import Principal, require_user

router = APIRouter(prefix="/market-data/quotes", tags=[QUOTES])


@router.get("", response_model=list[QuoteOut], summary="Latest close and day change (from daily bars)")
async def get_quotes(
    symbols: str = Query(..., max_length=4000, description="Comma-separated symbols, e.g. AAPL,BTC-USD."),
    store: BarStore = Depends(bar_store),
    principal: Principal = Depends(require_user),
) -> list[dict]:
    return await quotes(parse_symbols(symbols), store)
