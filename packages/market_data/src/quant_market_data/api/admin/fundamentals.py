"""``/admin/market-data/fundamentals/{symbol}``: upload fundamentals as JSON or CSV (idempotent)."""

import asyncio

from fastapi import APIRouter, File, UploadFile

from quant_market_data.api.tags import ADMIN
from quant_market_data.schemas.fundamental import FundamentalUpload, FundamentalUploadResult
from quant_market_data.services.fundamental_service import fundamentals_from_csv, upsert_fundamentals
from quant_market_data.services.instrument_service import get_instrument
from quant_shared.auth import AdminUser
from quant_shared.events.outbox_dep import OutboxDep

router = APIRouter(prefix="/admin/market-data/fundamentals", tags=[ADMIN])


@router.post("/{symbol}", response_model=FundamentalUploadResult, summary="Upload fundamentals (idempotent)")
async def upload_fundamentals(
    principal: AdminUser, symbol: str, body: FundamentalUpload, outbox: OutboxDep
) -> dict:
    instrument = await get_instrument(symbol)
    return await upsert_fundamentals(instrument.symbol, body.items, outbox)


@router.post(
    "/{symbol}/csv",
    response_model=FundamentalUploadResult,
    summary="Upload fundamentals as CSV (period,fiscal_date,revenue,...); all-or-nothing",
)
async def upload_fundamentals_csv(
    principal: AdminUser, symbol: str, outbox: OutboxDep, file: UploadFile = File(...)
) -> dict:
    instrument = await get_instrument(symbol)
    items = await asyncio.to_thread(fundamentals_from_csv, await file.read())
    return await upsert_fundamentals(instrument.symbol, items, outbox)
