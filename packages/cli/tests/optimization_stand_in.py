"""``/optimization`` routes of the CLI's contract app: the trading API's shapes, canned trials."""

from fastapi import FastAPI, Header
from fastapi.responses import JSONResponse

PROBLEM = "application/problem+json"


def _trials() -> list[dict]:
    """A 2 x 2 grid; trial 3 has no finite objective (``value: null``) as the real API can answer."""
    out = []
    grid = [(5, 20, 0.8), (5, 30, 1.4), (10, 20, -0.2), (10, 30, None)]
    for number, (fast, slow, value) in enumerate(grid):
        metrics = {"sharpe_ratio": value, "total_return": 0.01 * number, "num_trades": 3 + number}
        out.append(
            {
                "number": number,
                "window": None,
                "parameters": {"fast": fast, "slow": slow},
                "value": value,
                "feasible": True,
                "metrics": metrics,
            }
        )
    return out


def add_optimization_routes(app: FastAPI, check) -> None:
    state = app.state.calls
    state.update(opt_polls=0, opt_body=None)

    def run_out() -> dict:
        done = min(state["opt_polls"] * 2, 4)
        finished = state["opt_polls"] >= 2
        return {
            "id": "o1",
            "name": "grid sma_crossover on AAPL",
            "strategy_id": None,
            "strategy_type": "sma_crossover",
            "method": "grid",
            "objective": "sharpe_ratio",
            "maximize": True,
            "max_trials": 4,
            "symbol": "AAPL",
            "interval": "1d",
            "parameter_ranges": state["opt_body"]["parameter_ranges"],
            "constraints": ["fast < slow"],
            "status": "completed" if finished else "running",
            "task_id": "t2",
            "trials_done": done,
            "best_parameters": {"fast": 5, "slow": 30} if finished else None,
            "best_value": 1.4 if finished else None,
            "best_metrics": {"sharpe_ratio": 1.4, "total_return": 0.01} if finished else None,
            "deflated_sharpe": 0.61 if finished else None,
            "walk_forward": None,
            "walk_forward_result": None,
            "error": None,
            "created_at": "2024-01-02T00:00:00Z",
            "completed_at": None,
        }

    @app.post("/optimization", status_code=202)
    async def submit(body: dict, authorization: str | None = Header(None)):
        check(authorization)
        if body.get("objective") == "luck":
            problem = {
                "title": "Unprocessable Content",
                "status": 422,
                "detail": "body.objective: unknown KPI",
                "errors": [{"field": "body.objective", "message": "unknown KPI; one of [...]"}],
            }
            return JSONResponse(problem, 422, media_type=PROBLEM)
        state["opt_body"] = body
        return {"task_id": "t2", "status_url": "/tasks/t2", "resource_id": "o1"}

    @app.get("/tasks/t2")
    async def task(authorization: str | None = Header(None)) -> dict:
        check(authorization)
        state["opt_polls"] += 1
        done = state["opt_polls"] >= 2
        status = "completed" if done else "running"
        return {"id": "t2", "status": status, "progress": 1.0 if done else 0.5, "message": "2 trials"}

    @app.get("/optimization/o1")
    async def get_run(authorization: str | None = Header(None)) -> dict:
        check(authorization)
        return run_out()

    @app.get("/optimization/o1/trials")
    async def trials(limit: int = 50, offset: int = 0, authorization: str | None = Header(None)) -> dict:
        check(authorization)
        items = _trials()
        page = items[offset : offset + limit]
        return {"items": page, "total": len(items), "limit": limit, "offset": offset}
