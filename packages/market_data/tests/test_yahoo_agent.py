"""The Yahoo client against a local server answering as Yahoo does: 429 to library user agents,
``indicators.adjclose`` beside the raw quote."""

from datetime import UTC, datetime

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from quant_market_data.providers.base import ProviderError
from quant_market_data.providers.yahoo import YahooChartProvider
from quant_shared.enums import DataInterval
from quant_shared.testing import serve_app

from .provider_fakes import T0, chart

DAY = 86_400
BASE = 1704205800  # 2024-01-02 14:30 UTC


def make_strict_yahoo() -> FastAPI:
    app = FastAPI()
    app.state.agents = []

    @app.get("/v8/finance/chart/{symbol}")
    async def chart_route(symbol: str, request: Request):
        agent = request.headers.get("user-agent", "")
        app.state.agents.append(agent)
        if not agent.startswith("Mozilla/"):
            return JSONResponse({"error": "Too Many Requests"}, 429)  # what Yahoo does to python-httpx
        body = chart([BASE + d * DAY for d in range(3)], [100.0, 110.0, 120.0])
        if request.query_params.get("includeAdjustedClose") == "true":
            body["chart"]["result"][0]["indicators"]["adjclose"] = [{"adjclose": [50.0, 55.0, 60.0]}]
        return body

    return app


async def test_browser_user_agent_is_served_and_adjclose_scales_prices():
    app = make_strict_yahoo()
    start, end = datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 1, 10, tzinfo=UTC)
    with serve_app(app) as url:
        raw = await YahooChartProvider(url, max_retries=0).fetch_bars("AAPL", DataInterval.D1, start, end)
        adjusted = YahooChartProvider(url, max_retries=0, adjusted=True)
        adj = await adjusted.fetch_bars("AAPL", DataInterval.D1, start, end)
        library = YahooChartProvider(url, max_retries=0, user_agent="python-httpx/0.28")
        with pytest.raises(ProviderError, match="429"):
            await library.fetch_bars("AAPL", DataInterval.D1, start, end)
    assert all(a.startswith("Mozilla/") for a in app.state.agents[:2])
    assert raw.close.tolist() == [100.0, 110.0, 120.0] and raw.timestamp[0] == T0 + DAY * 1000
    assert adj.close.tolist() == [50.0, 55.0, 60.0]
    assert adj.open.tolist() == pytest.approx([49.5, 54.5, 59.5])  # (close - 1) x adjclose / close
    assert adj.high.tolist() == pytest.approx([51.0, 56.0, 61.0]) and adj.volume.tolist() == [1000.0] * 3
