"""A small stand-in of the platform's backtest / optimization / task routes, for the CLI's HTTP flow.

The optimization routes copy the trading API's shapes (``TaskAccepted``, ``OptimizationOut``,
``Page[TrialOut]``); ``test_optimize_real.py`` runs the same command against the real trading app."""

from fastapi import FastAPI, Form, Header, HTTPException
from fastapi.responses import JSONResponse

from .optimization_stand_in import add_optimization_routes

TOKEN = "cli-test-token"


def make_app() -> FastAPI:
    app = FastAPI()
    state: dict = {"polls": 0, "body": None}
    app.state.calls = state

    def check(auth: str | None) -> None:
        if auth != f"Bearer {TOKEN}":
            raise HTTPException(401, "bad token")

    @app.post("/auth/token")
    async def token(username: str = Form(...), password: str = Form(...)) -> dict:
        if password != "s3cret-pass":
            return JSONResponse({"title": "Unauthorized", "status": 401, "detail": "wrong password"}, 401)
        return {"access_token": TOKEN, "token_type": "bearer"}

    @app.post("/backtests", status_code=202)
    async def submit(body: dict, authorization: str | None = Header(None)) -> dict:
        check(authorization)
        if body.get("symbols") == ["NOPE"]:
            problem = {
                "title": "Unprocessable Content",
                "status": 422,
                "detail": "unknown symbol",
                "errors": [{"field": "body.symbols", "message": "unknown symbol NOPE"}],
            }
            return JSONResponse(problem, 422, media_type="application/problem+json")
        state["body"] = body
        return {"task_id": "t1", "status_url": "/tasks/t1", "resource_id": "b1"}

    @app.get("/tasks/t1")
    async def task(authorization: str | None = Header(None)) -> dict:
        check(authorization)
        state["polls"] += 1
        done = state["polls"] >= 3
        return {
            "id": "t1",
            "status": "completed" if done else "running",
            "progress": 1.0 if done else 0.5,
            "message": "running engine",
            "error": None,
        }

    @app.get("/backtests/b1")
    async def result(authorization: str | None = Header(None)) -> dict:
        check(authorization)
        return {
            "id": "b1",
            "status": "completed",
            "metrics": {"total_return": 0.1234, "sharpe_ratio": 1.5, "num_trades": 7},
        }

    @app.get("/backtests/b1/equity")
    async def equity(points: int = 500, authorization: str | None = Header(None)) -> dict:
        check(authorization)
        return {
            "timestamp": [1700000000000 + i * 86_400_000 for i in range(5)],
            "equity": [100, 101, 99, 103, 104],
            "drawdown": [0, 0, -0.0198, 0, 0],
        }

    add_optimization_routes(app, check)
    return app
