"""``/market-data/bars/{symbol}``: paged bars and the columnar bulk read, optionally resampled."""

import asyncio
import io
from datetime import datetime

import numpy as np
import orjson
from fastapi import APIRouter, Depends, Query, Request, Response

from quant_market_data.api.deps import BarStoreDep
from quant_market_data.api.tags import MARKET_DATA
from quant_market_data.engine.columns import FIELDS
from quant_market_data.engine.resample import ResampleError, check_target, resample
from quant_market_data.schemas.bar import BarOut, ColumnarBars
from quant_market_data.services.instrument_service import get_instrument
from quant_shared.auth import CurrentUser
from quant_shared.enums import DataInterval, SortOrder
from quant_shared.errors import ValidationProblem
from quant_shared.pagination import Page, PageParams, page_params
from quant_shared.timeutil import as_utc

router = APIRouter(prefix="/market-data/bars", tags=[MARKET_DATA])
NPZ = "application/x-npz"


def _bounds(start: datetime | None, end: datetime | None) -> tuple[datetime | None, datetime | None]:
    start, end = (as_utc(v) if v else None for v in (start, end))
    if start and end and end < start:
        raise ValidationProblem.field("query.end", "end is before start")
    return start, end


def _target(interval: DataInterval, resample_to: DataInterval | None) -> DataInterval | None:
    if resample_to is None or resample_to == interval:
        return None
    try:
        check_target(interval, resample_to)
    except ResampleError as exc:
        raise ValidationProblem.field("query.resample_to", str(exc)) from None
    return resample_to


@router.get(
    "/{symbol}", response_model=Page[BarOut], summary="Bars of a symbol, paged, oldest or newest first"
)
async def list_bars(
    store: BarStoreDep,
    principal: CurrentUser,
    symbol: str,
    interval: DataInterval = Query(DataInterval.D1),
    start: datetime | None = Query(None, description="Inclusive ISO-8601 start (UTC when naive)."),
    end: datetime | None = Query(None, description="Inclusive ISO-8601 end (UTC when naive)."),
    order: SortOrder = Query(SortOrder.ASC),
    resample_to: DataInterval | None = Query(None, description="Coarser interval to aggregate to."),
    params: PageParams = Depends(page_params),
) -> dict:
    instrument = await get_instrument(symbol)
    start, end = _bounds(start, end)
    target = _target(interval, resample_to)
    page = {"limit": params.limit, "offset": params.offset}
    if target is None:
        docs, total = await store.page(instrument.symbol, interval, start, end, order, **page)
        return {"items": docs, "total": total, **page}
    rows = resample(await store.columns(instrument.symbol, interval, start, end), interval, target).rows()
    if order == SortOrder.DESC:
        rows.reverse()
    return {"items": rows[params.offset : params.offset + params.limit], "total": len(rows), **page}


@router.get(
    "/{symbol}/columnar",
    response_model=ColumnarBars,
    summary="All bars of a range as arrays per field (epoch ms timestamps), for bulk readers",
    description="JSON by default; with `Accept: application/x-npz` the same arrays as a NumPy `.npz` "
    "archive (`timestamp` int64, the prices and volume float64, `symbol` and `interval` as strings).",
    responses={200: {"content": {NPZ: {"schema": {"type": "string", "format": "binary"}}}}},
)
async def columnar_bars(
    store: BarStoreDep,
    principal: CurrentUser,
    request: Request,
    symbol: str,
    interval: DataInterval = Query(DataInterval.D1),
    start: datetime | None = Query(None),
    end: datetime | None = Query(None),
    resample_to: DataInterval | None = Query(None),
) -> Response:
    instrument = await get_instrument(symbol)
    start, end = _bounds(start, end)
    target = _target(interval, resample_to)
    bars = await store.columns(instrument.symbol, interval, start, end)
    if target is not None:
        bars = resample(bars, interval, target)
    body = {"symbol": instrument.symbol, "interval": (target or interval).value}
    arrays = {name: np.ascontiguousarray(getattr(bars, name)) for name in ("timestamp", *FIELDS)}
    if NPZ in request.headers.get("accept", ""):
        return Response(await asyncio.to_thread(npz_bytes, {**body, **arrays}), media_type=NPZ)
    body.update(count=len(bars), **arrays)
    content = await asyncio.to_thread(orjson.dumps, body, option=orjson.OPT_SERIALIZE_NUMPY)
    return Response(content, media_type="application/json")


def npz_bytes(arrays: dict) -> bytes:
    out = io.BytesIO()
    np.savez(out, **{name: np.asarray(value) for name, value in arrays.items()})
    return out.getvalue()
