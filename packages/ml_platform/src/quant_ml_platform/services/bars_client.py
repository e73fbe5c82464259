"""OHLCV bars from the market-data domain over HTTP (``/market-data/bars/{symbol}/columnar``)."""

from datetime import datetime, timedelta
from urllib.parse import quote

import pandas as pd

from quant_ml_platform.engine.transforms import bars_frame
from quant_shared.auth import Principal
from quant_shared.enums import DataInterval
from quant_shared.errors import ValidationProblem
from quant_shared.http import ServiceClients, UpstreamError

MARKET_DATA = "market_data"


class BarsClient:
    def __init__(self, clients: ServiceClients, principal: Principal) -> None:
        self.clients = clients
        self.principal = principal

    async def bars(
        self,
        symbol: str,
        interval: DataInterval,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        warmup: int = 0,
        field: str = "body.symbol",
    ) -> pd.DataFrame:
        """Bars of ``symbol`` in [start - warmup bars, end]; an unknown symbol is a 422 naming ``field``."""
        params: dict[str, str] = {"interval": interval.value}
        if start is not None:
            # calendar slack: weekends and holidays leave gaps in daily bars
            slack = (
                timedelta(seconds=interval.seconds * warmup * 1.6 + interval.seconds * 5) if warmup else None
            )
            params["start"] = (start - slack if slack else start).isoformat()
        if end is not None:
            params["end"] = end.isoformat()
        path = f"/market-data/bars/{quote(symbol, safe='')}/columnar"
        try:
            body = await self.clients.get_json(MARKET_DATA, path, principal=self.principal, params=params)
        except UpstreamError as exc:
            if exc.status in (404, 422):
                raise ValidationProblem.field(field, f"unknown symbol {symbol!r}: {exc.detail}") from exc
            raise
        return bars_frame(body)
