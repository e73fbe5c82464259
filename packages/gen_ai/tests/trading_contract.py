"""A tiny stand-in for the trading (and user) domain contract, with real token checks."""

from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import Response

from quant_shared.auth import Principal, TokenVerifier, require_admin, require_user
from quant_shared.errors import NotFoundError, install_error_handlers

from .paper_contract import comparison_doc

METRICS = {
    "total_return": 0.1234,
    "annual_return": 0.0567,
    "sharpe_ratio": 1.234,
    "sortino_ratio": 1.8,
    "max_drawdown": -0.0825,
    "win_rate": 0.6,
    "num_trades": 5,
}
PNLS = [120.5, -40.25, 300.0, -15.0, 80.0]


def backtest_doc(bid: str, owner: str) -> dict[str, Any]:
    return {
        "id": bid,
        "owner_id": owner,
        "name": "SMA cross on AAPL",
        "status": "completed",
        "strategy_type": "sma_crossover",
        "symbols": ["AAPL"],
        "interval": "1d",
        "start": "2023-01-02T00:00:00Z",
        "end": "2023-12-29T00:00:00Z",
        "metrics": METRICS,
        "config": {},
    }


class TradingContract:
    def __init__(self, settings) -> None:
        self.backtests: dict[str, dict] = {"bt1": backtest_doc("bt1", "u1")}
        self.strategies: dict[str, dict] = {}
        self.paper_runs: dict[str, str] = {"pr1": "u1"}  # run id -> owner
        self.calls: list[tuple[str, str, str | None]] = []
        self.app = FastAPI()
        self.app.state.token_verifier = TokenVerifier(settings)
        install_error_handlers(self.app)
        router = APIRouter()
        self._routes(router)
        self.app.include_router(router)

        @self.app.middleware("http")
        async def record(request: Request, call_next):
            self.calls.append((request.method, request.url.path, request.headers.get("authorization")))
            return await call_next(request)

    def _own(self, bid: str, p: Principal) -> dict:
        bt = self.backtests.get(bid)
        if bt is None or bt["owner_id"] != p.user_id:
            raise NotFoundError(f"No backtest {bid}")
        return bt

    def _routes(self, r: APIRouter) -> None:
        @r.get("/backtests/{bid}")
        async def get_bt(bid: str, p: Principal = Depends(require_user)):
            return self._own(bid, p)

        @r.get("/backtests/{bid}/trades")
        async def trades(bid: str, limit: int = 50, p: Principal = Depends(require_user)):
            self._own(bid, p)
            items = [{"symbol": "AAPL", "pnl": v, "entry_price": 100.0, "size": 10} for v in PNLS][:limit]
            return {"items": items, "total": len(PNLS), "limit": limit, "offset": 0}

        @r.get("/backtests/{bid}/equity")
        async def equity(bid: str, points: int = 200, p: Principal = Depends(require_user)):
            self._own(bid, p)
            eq = [10000.0, 10200.0, 10100.0, 10500.0, 9900.0, 10800.0, 11234.0]
            peak = [max(eq[: i + 1]) for i in range(len(eq))]
            dd = [e / m - 1 for e, m in zip(eq, peak, strict=False)]
            return {
                "timestamp": [f"2023-0{i + 1}-01T00:00:00Z" for i in range(len(eq))],
                "equity": eq,
                "drawdown": dd,
            }

        @r.get("/paper-runs/{rid}/comparison")
        async def comparison(rid: str, p: Principal = Depends(require_user)):
            if self.paper_runs.get(rid) != p.user_id:
                raise NotFoundError(f"Paper run {rid} not found")
            return comparison_doc(rid)

        @r.get("/backtests")
        async def list_bt(p: Principal = Depends(require_user)):
            items = [b for b in self.backtests.values() if b["owner_id"] == p.user_id]
            return {"items": items, "total": len(items), "limit": 50, "offset": 0}

        @r.post("/strategies", status_code=201)
        async def create_strategy(body: dict, p: Principal = Depends(require_user)):
            sid = f"s{len(self.strategies) + 1}"
            self.strategies[sid] = {"id": sid, "owner_id": p.user_id, **body}
            return self.strategies[sid]

        @r.get("/strategies")
        async def list_strategies(p: Principal = Depends(require_user)):
            items = [s for s in self.strategies.values() if s["owner_id"] == p.user_id]
            return {"items": items, "total": len(items), "limit": 50, "offset": 0}

        @r.post("/backtests", status_code=202)
        async def run_bt(body: dict, p: Principal = Depends(require_user)):
            bid = f"bt{len(self.backtests) + 1}"
            self.backtests[bid] = {**backtest_doc(bid, p.user_id), "status": "pending", "request": body}
            return {"task_id": f"task-{bid}", "status_url": f"/tasks/task-{bid}", "resource_id": bid}

        @r.get("/tasks/{task_id}")
        async def task(task_id: str, p: Principal = Depends(require_user)):
            bt = self._own(task_id.removeprefix("task-"), p)
            return {
                "id": task_id,
                "status": "completed" if bt["status"] == "completed" else "running",
                "progress": 1.0 if bt["status"] == "completed" else 0.5,
            }

        @r.get("/signals/{sid}")
        async def signal(sid: str, symbol: str, p: Principal = Depends(require_user)):
            return {"strategy_id": sid, "symbol": symbol, "signal": "buy"}

        @r.get("/watchlists")
        async def watchlists(p: Principal = Depends(require_user)):
            return {"items": [{"id": "w1", "name": "Tech", "symbols": ["AAPL", "MSFT"]}], "total": 1}

        @r.delete("/admin/backtests/{bid}", status_code=204)
        async def admin_delete(bid: str, p: Principal = Depends(require_admin)):
            self.backtests.pop(bid, None)
            return Response(status_code=204)
