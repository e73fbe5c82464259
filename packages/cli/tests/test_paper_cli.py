"""``quant paper start|status|stop`` over real HTTP against a stand-in of the paper-run routes."""

from fastapi import FastAPI, Header, HTTPException
from typer.testing import CliRunner

from quant_cli.commands import paper as paper_commands
from quant_cli.main import app
from quant_shared.testing import serve_app

runner = CliRunner()


def stand_in() -> FastAPI:
    api = FastAPI()
    api.state.bodies, api.state.reads = [], 0

    def detail(status: str = "running") -> dict:
        api.state.reads += 1
        equity = 10_000.0 + 25.0 * api.state.reads
        position = {"symbol": "AAA", "side": "long", "size": 12.0}
        return {
            "id": "r1",
            "name": "paper sma on AAA",
            "status": status,
            "equity": equity,
            "pnl": equity - 10_000.0,
            "positions": [position],
            "stop_cause": "user" if status == "stopped" else None,
            "books": [{"last_bar_time": "2024-01-05T00:00:00Z"}],
        }

    def check(authorization: str | None) -> None:
        if authorization != "Bearer tok":
            raise HTTPException(401, "no token")

    @api.post("/paper-runs", status_code=201)
    async def create(body: dict, authorization: str | None = Header(None)) -> dict:
        check(authorization)
        if body["symbols"] == ["NOPE"]:
            problem = {
                "title": "Unprocessable",
                "detail": "unknown symbol NOPE",
                "errors": [{"field": "body.symbols", "message": "unknown symbol NOPE"}],
            }
            raise HTTPException(422, problem)
        api.state.bodies.append(body)
        return detail()

    @api.get("/paper-runs")
    async def listing(status: str, authorization: str | None = Header(None)) -> dict:
        check(authorization)
        return {"items": [{"id": "r1"}], "total": 1, "limit": 50, "offset": 0}

    @api.get("/paper-runs/{run_id}")
    async def one(run_id: str, authorization: str | None = Header(None)) -> dict:
        check(authorization)
        return detail()

    @api.post("/paper-runs/{run_id}/stop")
    async def stop(run_id: str, authorization: str | None = Header(None)) -> dict:
        check(authorization)
        return detail("stopped")

    return api


def test_start_status_and_stop():
    paper_commands.console.width = 160  # one line per run
    api = stand_in()
    with serve_app(api, lifespan="off") as url:
        auth = ["--api-url", url, "--token", "tok"]
        args = ["paper", "start", "-s", "AAA", "-p", "fast=5", "-p", "slow=20", "--max-daily-loss", "250"]
        started = runner.invoke(app, [*args, *auth])
        assert started.exit_code == 0, started.output
        assert "paper sma on AAA" in started.output and "+25.00" in started.output
        body = api.state.bodies[0]
        assert body["parameters"] == {"fast": 5, "slow": 20} and body["risk"] == {"max_daily_loss": 250.0}
        assert body["symbols"] == ["AAA"] and body["config"]["initial_cash"] == 10_000.0
        watched = runner.invoke(app, ["paper", "status", "--watch", "0.01", "--times", "2", *auth])
        assert watched.exit_code == 0, watched.output
        assert api.state.reads == 4 and "AAA long 12" in watched.output  # the table refreshed twice
        stopped = runner.invoke(app, ["paper", "stop", "r1", *auth])
        assert stopped.exit_code == 0 and "stopped (user)" in stopped.output
        refused = runner.invoke(app, ["paper", "start", "-s", "NOPE", *auth])
        assert refused.exit_code == 2
