"""``/admin/market-data/instruments``: create an instrument."""

from fastapi import APIRouter, status

from quant_market_data.api.instruments import instrument_out
from quant_market_data.api.tags import ADMIN
from quant_market_data.models import Instrument
from quant_market_data.schemas.instrument import InstrumentIn, InstrumentOut
from quant_market_data.services.instrument_service import create_instrument
from quant_shared.auth import AdminUser

router = APIRouter(prefix="/admin/market-data/instruments", tags=[ADMIN])


@router.post(
    "", response_model=InstrumentOut, status_code=status.HTTP_201_CREATED, summary="Create an instrument"
)
async def create_one_instrument(principal: AdminUser, body: InstrumentIn) -> InstrumentOut:
    return instrument_out(await create_instrument(Instrument(**body.model_dump())))
