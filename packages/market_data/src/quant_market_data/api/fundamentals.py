"""``/market-data/fundamentals/{symbol}``: figures by period; uploads (admin)."""

from fastapi import APIRouter, File, Query, UploadFile
from pydantic import ValidationError

from quant_market_data.api.tags import FUNDAMENTALS
from quant_market_data.schemas.fundamental import (
    FundamentalIn,
    FundamentalOut,
    FundamentalUpload,
    FundamentalUploadResult,
)
from quant_market_data.services.csv_rows import csv_rows
from quant_market_data.services.fundamental_service import list_fundamentals, upsert_fundamentals
from quant_market_data.services.instrument_service import get_instrument
from quant_shared.auth import AdminUser, CurrentUser
from quant_shared.enums import FundamentalPeriod
from quant_shared.errors import ValidationProblem, field_errors

router = APIRouter(prefix="/market-data/fundamentals", tags=[FUNDAMENTALS])


@router.get("/{symbol}", response_model=list[FundamentalOut], summary="Fundamentals, newest period first")
async def get_fundamentals(
    principal: CurrentUser,
    symbol: str,
    period: FundamentalPeriod | None = Query(None),
    limit: int = Query(40, ge=1, le=400),
) -> list[dict]:
    instrument = await get_instrument(symbol)
    return await list_fundamentals(instrument.symbol, period, limit)


@router.post("/{symbol}", response_model=FundamentalUploadResult, summary="Upload fundamentals (idempotent)")
async def upload_fundamentals(principal: AdminUser, symbol: str, body: FundamentalUpload) -> dict:
    instrument = await get_instrument(symbol)
    return await upsert_fundamentals(instrument.symbol, body.items)


@router.post(
    "/{symbol}/csv",
    response_model=FundamentalUploadResult,
    summary="Upload fundamentals as CSV (period,fiscal_date,revenue,...); all-or-nothing",
)
async def upload_fundamentals_csv(principal: AdminUser, symbol: str, file: UploadFile = File(...)) -> dict:
    instrument = await get_instrument(symbol)
    rows = csv_rows(await file.read(), required=("period", "fiscal_date"))
    items, errors = [], []
    for number, row in enumerate(rows, start=1):
        try:
            items.append(FundamentalIn.model_validate({k: v for k, v in row.items() if v not in ("", None)}))
        except ValidationError as exc:
            for err in field_errors(exc.errors()):
                errors.append({**err, "field": f"file.row.{number}.{err['field']}", "row": number})
    if errors:
        raise ValidationProblem(
            f"{len({e['row'] for e in errors})} invalid rows; nothing was written", errors
        )
    if not items:
        raise ValidationProblem.field("file", "the upload holds no rows")
    return await upsert_fundamentals(instrument.symbol, items)
