"""Local stand-ins for the providers' HTTP APIs, answering in their recorded formats."""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

T0 = 1704067200000  # 2024-01-01T00:00:00Z
MINUTE = 60_000


def kline(i: int) -> list:
    price = 40000 + i
    return [T0 + i * MINUTE, f"{price:.2f}", f"{price + 5:.2f}", f"{price - 5:.2f}", f"{price + 1:.2f}",
            f"{i % 7 + 1:.5f}", T0 + (i + 1) * MINUTE - 1, "0", 10, "0", "0", "0"]  # fmt: skip


def make_binance_app(total: int = 1500) -> FastAPI:
    app = FastAPI()
    app.state.calls = []

    @app.get("/api/v3/klines")
    async def klines(request: Request):
        params = dict(request.query_params)
        app.state.calls.append(params)
        if params["symbol"] != "BTCUSDT":
            return JSONResponse({"code": -1121, "msg": "Invalid symbol."}, status_code=400)
        if len(app.state.calls) == 1:
            return JSONResponse({"code": -1003, "msg": "Too many requests"}, 429, {"Retry-After": "0"})
        start, end, limit = int(params["startTime"]), int(params["endTime"]), int(params["limit"])
        rows = [kline(i) for i in range(total) if start <= T0 + i * MINUTE <= end]
        return rows[:limit]

    return app


def chart(timestamps, closes) -> dict:
    quote = {
        "open": [None if c is None else c - 1 for c in closes],
        "high": [None if c is None else c + 2 for c in closes],
        "low": [None if c is None else c - 2 for c in closes],
        "close": closes,
        "volume": [None if c is None else 1000 for c in closes],
    }
    meta = {"currency": "USD", "symbol": "AAPL", "exchangeName": "NMS", "dataGranularity": "1d"}
    result = {"meta": meta, "timestamp": timestamps, "indicators": {"quote": [quote]}}
    return {"chart": {"result": [result], "error": None}}


def make_yahoo_app() -> FastAPI:
    app = FastAPI()
    app.state.calls = []

    @app.get("/v8/finance/chart/{symbol}")
    async def chart_route(symbol: str, request: Request):
        app.state.calls.append(dict(request.query_params))
        if symbol != "AAPL":
            error = {"code": "Not Found", "description": "No data found, symbol may be delisted"}
            return JSONResponse({"chart": {"result": None, "error": error}}, status_code=404)
        if len(app.state.calls) == 1:
            return JSONResponse({"error": "Too Many Requests"}, 429, {"Retry-After": "0"})
        base = 1704205800  # 2024-01-02 14:30 UTC, the session open as the API stamps daily bars
        stamps = [base + d * 86_400 for d in range(4)]
        return chart(stamps, [185.0, 184.0, None, 182.5])  # the API pads a missing day with nulls

    return app
