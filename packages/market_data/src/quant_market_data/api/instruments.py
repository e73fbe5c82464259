"""``/market-data/instruments``: search and look up instruments."""

from fastapi import APIRouter, Depends, Query

from quant_market_data.api.tags import MARKET_DATA
from quant_market_data.models import Instrument
from quant_market_data.schemas.instrument import InstrumentOut
from quant_market_data.services.instrument_service import (
    get_instrument,
    search_instruments,
)
from quant_shared.auth import CurrentUser
from quant_shared.enums import AssetClass
from quant_shared.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/market-data/instruments", tags=[MARKET_DATA])
INTERNAL = {"id", "revision_id", "created_at", "updated_at"}


def instrument_out(instrument: Instrument) -> InstrumentOut:
    return InstrumentOut.model_validate(instrument.model_dump(exclude=INTERNAL))


@router.get("", response_model=Page[InstrumentOut], summary="Search instruments by symbol/name and class")
async def list_instruments(
    principal: CurrentUser,
    q: str | None = Query(None, max_length=100, description="Part of the symbol or name."),
    asset_class: AssetClass | None = Query(None),
    params: PageParams = Depends(page_params),
) -> dict:
    return await paginate(
        search_instruments(q, asset_class), params, sort=[("symbol", 1)], convert=instrument_out
    )


@router.get("/{symbol}", response_model=InstrumentOut, summary="One instrument")
async def get_one_instrument(principal: CurrentUser, symbol: str) -> InstrumentOut:
    return instrument_out(await get_instrument(symbol))
