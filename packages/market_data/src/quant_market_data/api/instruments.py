"""``/market-data/instruments``: search, look up, create (admin)."""

from fastapi import APIRouter, Depends, Query, status

from quant_market_data.api.tags import INSTRUMENTS
from quant_market_data.models import Instrument
from quant_market_data.schemas.instrument import InstrumentIn, InstrumentOut
from quant_market_data.services.instrument_service import (
    create_instrument,
    get_instrument,
    search_instruments,
)
from quant_shared.auth import AdminUser, CurrentUser
from quant_shared.enums import AssetClass
from quant_shared.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/market-data/instruments", tags=[INSTRUMENTS])
INTERNAL = {"id", "revision_id", "created_at", "updated_at"}


def _out(instrument: Instrument) -> InstrumentOut:
    return InstrumentOut.model_validate(instrument.model_dump(exclude=INTERNAL))


@router.get("", response_model=Page[InstrumentOut], summary="Search instruments by symbol/name and class")
async def list_instruments(
    principal: CurrentUser,
    q: str | None = Query(None, max_length=100, description="Part of the symbol or name."),
    asset_class: AssetClass | None = Query(None),
    params: PageParams = Depends(page_params),
) -> dict:
    return await paginate(search_instruments(q, asset_class), params, sort=[("symbol", 1)], convert=_out)


@router.get("/{symbol}", response_model=InstrumentOut, summary="One instrument")
async def get_one_instrument(principal: CurrentUser, symbol: str) -> InstrumentOut:
    return _out(await get_instrument(symbol))


@router.post(
    "", response_model=InstrumentOut, status_code=status.HTTP_201_CREATED, summary="Create an instrument"
)
async def create_one_instrument(principal: AdminUser, body: InstrumentIn) -> InstrumentOut:
    return _out(await create_instrument(Instrument(**body.model_dump())))
