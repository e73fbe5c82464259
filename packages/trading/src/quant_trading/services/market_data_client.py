"""Bars from the market-data domain over HTTP (``/market-data/bars/{symbol}/columnar``)."""

from datetime import datetime
from typing import Any
from urllib.parse import quote

from quant_shared.auth import Principal
from quant_shared.enums import DataInterval
from quant_shared.errors import ServiceUnavailableError, ValidationProblem
from quant_shared.http import ServiceClients, UpstreamError

MARKET_DATA = "market_data"
COLUMNS = ("timestamp", "open", "high", "low", "close", "volume")


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
    ) -> dict[str, list]:
        params: dict[str, Any] = {"interval": interval.value}
        if start is not None:
            params["start"] = start.isoformat()
        if end is not None:
            params["end"] = end.isoformat()
        path = f"/market-data/bars/{quote(symbol, safe='')}/columnar"
        body = await self.clients.get_json(MARKET_DATA, path, principal=self.principal, params=params)
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
    ) -> dict[str, dict[str, list]]:
        """Fetch every symbol's bars; unknown symbols or empty ranges answer 422 naming ``field``."""
        bars: dict[str, dict[str, list]] = {}
        errors = []
        for symbol in symbols:
            try:
                data = await self.columnar_bars(symbol, interval, start, end)
            except UpstreamError as exc:
                if exc.status in (404, 422):
                    errors.append({"field": field, "message": f"unknown symbol {symbol}"})
                    continue
                raise
            if not data["timestamp"]:
                errors.append({"field": field, "message": f"no {interval.value} bars for {symbol}"})
                continue
            bars[symbol] = data
        if errors:
            detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
            raise ValidationProblem(detail, errors=errors)
        return bars
