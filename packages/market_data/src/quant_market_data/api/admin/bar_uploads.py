"""``/admin/market-data/bars/{symbol}``: bulk bar uploads as JSON or CSV; all-or-nothing, idempotent."""

import asyncio

from fastapi import APIRouter, File, Form, UploadFile

from quant_market_data.api.deps import BarIngestServiceDep
from quant_market_data.api.tags import ADMIN
from quant_market_data.schemas.bar import BarUpload, BarUploadResult
from quant_market_data.services.csv_rows import csv_rows
from quant_market_data.services.fast_csv import fast_csv
from quant_market_data.services.instrument_service import get_instrument
from quant_shared.auth import AdminUser
from quant_shared.enums import DataInterval
from quant_shared.errors import PayloadTooLargeError

router = APIRouter(prefix="/admin/market-data/bars", tags=[ADMIN])
MAX_CSV_BYTES = 200 * 1024 * 1024
# bulk uploads may exceed the platform's request-body limit (QUANT_MAX_BODY_BYTES) up to this size
MAX_UPLOAD_BODY = MAX_CSV_BYTES + 1024 * 1024  # a multipart envelope around the file


@router.post(
    "/{symbol}",
    response_model=BarUploadResult,
    summary="Upload bars as JSON (all-or-nothing)",
    max_body_size=MAX_UPLOAD_BODY,
)
async def upload_bars_json(
    service: BarIngestServiceDep,
    principal: AdminUser,
    symbol: str,
    body: BarUpload,
) -> dict:
    await get_instrument(symbol)
    return await service.ingest_rows(symbol.upper(), body.interval, body.bars, field="body.bars")


@router.post(
    "/{symbol}/csv",
    response_model=BarUploadResult,
    summary="Upload bars as a CSV file (timestamp,open,high,low,close,volume); rows numbered from 1",
    max_body_size=MAX_UPLOAD_BODY,
)
async def upload_bars_csv(
    service: BarIngestServiceDep,
    principal: AdminUser,
    symbol: str,
    file: UploadFile = File(..., description="CSV with a header row."),
    interval: DataInterval = Form(...),
) -> dict:
    await get_instrument(symbol)
    data = await file.read(MAX_CSV_BYTES + 1)
    if len(data) > MAX_CSV_BYTES:
        raise PayloadTooLargeError(f"CSV uploads are limited to {MAX_CSV_BYTES // (1024 * 1024)} MiB")
    bars = await asyncio.to_thread(fast_csv, data, interval)
    if bars is not None:
        return await service.ingest_bars(symbol.upper(), interval, bars)
    rows = await asyncio.to_thread(csv_rows, data)
    return await service.ingest_rows(symbol.upper(), interval, rows, field="file.row", row_base=1)
