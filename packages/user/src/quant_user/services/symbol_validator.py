"""Checks symbols against the market-data domain over HTTP."""

from urllib.parse import quote

from quant_shared.auth import Principal
from quant_shared.errors import ServiceUnavailableError, ValidationProblem
from quant_shared.http import ServiceClients, UpstreamError

MARKET_DATA = "market_data"


class SymbolValidator:
    def __init__(self, clients: ServiceClients, principal: Principal) -> None:
        self.clients = clients
        self.principal = principal

    async def check(self, symbols: list[tuple[str, str]]) -> None:
        """``symbols`` is [(field name, symbol)]; an unknown one is a 422 naming its field."""
        unknown = []
        for field, symbol in symbols:
            try:
                await self.clients.call(
                    MARKET_DATA,
                    "GET",
                    f"/market-data/instruments/{quote(symbol, safe='')}",
                    principal=self.principal,
                )
            except UpstreamError as exc:
                if exc.status == 404:
                    unknown.append({"field": field, "message": f"unknown symbol {symbol!r}"})
                    continue
                raise ServiceUnavailableError(
                    f"Cannot validate symbol {symbol}: market data answered {exc.status}"
                ) from exc
        if unknown:
            detail = "; ".join(f"{e['field']}: {e['message']}" for e in unknown)
            raise ValidationProblem(detail, errors=unknown)
