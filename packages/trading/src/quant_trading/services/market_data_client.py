"""Bars from the market-data domain over HTTP (``/market-data/bars/{symbol}/columnar``)."""

import asyncio
import io
from array import array
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote

import numpy as np
import orjson

from quant_shared.auth import Principal
from quant_shared.enums import DataInterval
from quant_shared.errors import ServiceUnavailableError, ValidationProblem
from quant_shared.http import ServiceClients, UpstreamError

MARKET_DATA = "market_data"
COLUMNS = ("timestamp", "open", "high", "low", "close", "volume")
NPZ = "application/x-npz"


def _columns(content_type: str, content: bytes) -> dict[str, Any]:
    if not content_type.startswith(NPZ):
        return orjson.loads(content)
    with np.load(io.BytesIO(content), allow_pickle=False) as archive:
        return {name: _packed(archive[name]) for name in archive.files if name in COLUMNS}


def _packed(values: np.ndarray) -> array:
    integers = values.dtype.kind in "iu"
    packed = array("q" if integers else "d")
    packed.frombytes(np.ascontiguousarray(values, dtype=np.int64 if integers else np.float64).tobytes())
    return packed


class MarketDataClient:
    """Thin, typed wrapper over the market-data contract the trading domain relies on."""

    def __init__(self, clients: ServiceClients, principal: Principal) -> None:
        self.clients = clients
        self.principal = principal

    async def columnar_bars(
        self,
        symbol: str,
        interval: DataInterval,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> dict[str, Sequence]:
        """The columns as ``array.array`` (int64 timestamps, float64 values), read from the NumPy
        archive market data sends for ``Accept: application/x-npz`` (JSON answers are read too)."""
        params: dict[str, Any] = {"interval": interval.value}
        if start is not None:
            params["start"] = start.isoformat()
        if end is not None:
            params["end"] = end.isoformat()
        path = f"/market-data/bars/{quote(symbol, safe='')}/columnar"
        resp = await self.clients.call(
            MARKET_DATA, "GET", path, principal=self.principal, params=params, headers={"Accept": NPZ}
        )
        body = await asyncio.to_thread(_columns, resp.headers.get("content-type", ""), resp.content)
        missing = [c for c in COLUMNS if c not in body]
        if missing:
            raise ServiceUnavailableError(f"market data for {symbol} lacks columns {missing}")
        lengths = {len(body[c]) for c in COLUMNS}
        if len(lengths) != 1:
            raise ServiceUnavailableError(f"market data for {symbol} has columns of different lengths")
        return {c: body[c] for c in COLUMNS}

    async def check_symbols(
        self,
        symbols: list[str],
        interval: DataInterval,
        start: datetime | None,
        end: datetime | None,
        field: str = "body.symbols",
    ) -> dict[str, dict[str, Sequence]]:
        """Fetch every symbol's bars; unknown symbols or empty ranges answer 422 naming ``field``."""
        bars: dict[str, dict[str, Sequence]] = {}
        errors = []
        for symbol in symbols:
            try:
                data = await self.columnar_bars(symbol, interval, start, end)
            except UpstreamError as exc:
                if exc.status in (404, 422):
                    errors.append({"field": field, "message": f"unknown symbol {symbol}"})
                    continue
                raise
            if len(data["timestamp"]) == 0:
                errors.append({"field": field, "message": f"no {interval.value} bars for {symbol}"})
                continue
            bars[symbol] = data
        if errors:
            detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
            raise ValidationProblem(detail, errors=errors)
        return bars
