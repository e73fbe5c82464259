"""The slice of the market-data, trading and ML APIs the user domain calls, served for its tests.

``broken`` names endpoints that answer 500, ``slow`` endpoints that answer after ``delay`` seconds.
Every call must carry the caller's bearer token (the user domain forwards it).
"""

import asyncio

from fastapi import FastAPI, Header, HTTPException, Query

INSTRUMENTS = {"AAPL", "MSFT", "BTC-USD", "SPY"}
QUOTES = {
    "AAPL": (190.0, 200.0),
    "MSFT": (410.0, 400.0),
    "BTC-USD": (60000.0, 50000.0),
    "SPY": (500.0, 500.0),
}
BACKTESTS = [
    {
        "id": "b1",
        "name": "sma fast",
        "status": "completed",
        "strategy_id": "s1",
        "strategy_type": "sma_crossover",
        "symbols": ["AAPL"],
        "created_at": "2026-01-05T00:00:00Z",
        "metrics": {"total_return": 0.12, "sharpe_ratio": 1.4, "max_drawdown": -0.08, "trades": 9},
    },
    {
        "id": "b2",
        "name": "sma slow",
        "status": "completed",
        "strategy_id": "s1",
        "strategy_type": "sma_crossover",
        "symbols": ["AAPL"],
        "created_at": "2026-01-04T00:00:00Z",
        "metrics": {"total_return": 0.30, "sharpe_ratio": 2.1, "max_drawdown": -0.05},
    },
    {
        "id": "b3",
        "name": "rsi",
        "status": "completed",
        "strategy_id": "s2",
        "strategy_type": "rsi",
        "symbols": ["MSFT"],
        "created_at": "2026-01-03T00:00:00Z",
        "metrics": {"total_return": -0.02, "sharpe_ratio": -0.3, "max_drawdown": -0.2},
    },
    {
        "id": "b4",
        "name": "pending one",
        "status": "running",
        "strategy_id": "s3",
        "strategy_type": "rsi",
        "symbols": ["SPY"],
        "created_at": "2026-01-06T00:00:00Z",
        "metrics": None,
    },
]


class Contract:
    def __init__(self) -> None:
        self.broken: set[str] = set()
        self.slow: set[str] = set()
        self.delay = 2.0
        self.calls: list[str] = []
        self.app = self._build()

    async def _guard(self, name: str, authorization: str | None) -> None:
        self.calls.append(name)
        if not (authorization or "").startswith("Bearer "):
            raise HTTPException(401, "missing token")
        if name in self.slow:
            await asyncio.sleep(self.delay)
        if name in self.broken:
            raise HTTPException(500, f"{name} is broken")

    def _build(self) -> FastAPI:  # noqa: C901 - one small handler per contract endpoint
        app = FastAPI()

        @app.get("/market-data/instruments/{symbol}")
        async def instrument(symbol: str, authorization: str | None = Header(None)):
            await self._guard("instruments", authorization)
            if symbol not in INSTRUMENTS:
                raise HTTPException(404, f"unknown symbol {symbol}")
            return {"symbol": symbol, "name": symbol}

        @app.get("/market-data/quotes")
        async def quotes(symbols: str = Query(...), authorization: str | None = Header(None)):
            await self._guard("quotes", authorization)
            out = []
            for s in symbols.split(","):
                last, prev = QUOTES[s]
                out.append(
                    {
                        "symbol": s,
                        "last": last,
                        "previous_close": prev,
                        "change": last - prev,
                        "change_pct": (last - prev) / prev,
                        "timestamp": "2026-01-06T21:00:00Z",
                    }
                )
            return out

        @app.get("/market-data/quality/events")
        async def quality(resolved: bool = Query(...), authorization: str | None = Header(None)):
            await self._guard("quality", authorization)
            return {
                "items": [{"id": "q1", "check": "gap", "symbol": "SPY", "resolved": resolved}],
                "total": 1,
            }

        @app.get("/backtests")
        async def backtests(
            limit: int = 50, status: str | None = None, authorization: str | None = Header(None)
        ):
            await self._guard("backtests", authorization)
            items = [b for b in BACKTESTS if status is None or b["status"] == status]
            items.sort(key=lambda b: b["created_at"], reverse=True)
            return {"items": items[:limit], "total": len(items), "limit": limit, "offset": 0}

        @app.get("/signals/{strategy_id}")
        async def signal(strategy_id: str, symbol: str, authorization: str | None = Header(None)):
            await self._guard("signals", authorization)
            return {
                "strategy_id": strategy_id,
                "symbol": symbol,
                "signal": "buy",
                "strength": 0.5,
                "bar_time": "2026-01-06T00:00:00Z",
                "price": QUOTES[symbol][0],
            }

        @app.get("/ml/regimes/{symbol}/current")
        async def regime(symbol: str, authorization: str | None = Header(None)):
            await self._guard("regimes", authorization)
            if symbol == "BTC-USD":
                raise HTTPException(404, "no regime")
            return {
                "regime": "bull" if QUOTES[symbol][0] >= QUOTES[symbol][1] else "bear",
                "probability": 0.8,
            }

        @app.get("/paper-runs")
        async def paper_runs(status: str, limit: int = 50, authorization: str | None = Header(None)):
            await self._guard("paper_runs", authorization)
            items = [{"id": "p1", "status": "running"}] if status == "running" else []
            return {"items": items[:limit], "total": len(items), "limit": limit, "offset": 0}

        @app.get("/paper-runs/{run_id}")
        async def paper_run(run_id: str, authorization: str | None = Header(None)):
            await self._guard("paper_runs", authorization)
            return {
                "id": run_id, "name": "sma live", "strategy_type": "sma_crossover", "symbols": ["AAPL"],
                "start": "2026-01-06T00:00:00Z", "initial_cash": 10000.0, "equity": 10250.0, "pnl": 250.0,
                "positions": [{"symbol": "AAPL", "side": "long", "size": 10}], "status": "running",
            }  # fmt: skip

        @app.get("/ml/models")
        async def models(status: str, authorization: str | None = Header(None)):
            await self._guard("models", authorization)
            return {"items": [{"id": "m1", "name": "regime-hmm", "status": status}], "total": 1}

        return app
