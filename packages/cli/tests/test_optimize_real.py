"""``quant optimize`` against the real trading app served over HTTP (real FerretDB, real engine).

The trading domain reads bars from market data over HTTP; a tiny stand-in serves deterministic ones.
"""

import json
import math
import re

import pytest
from fastapi import FastAPI, HTTPException
from typer.testing import CliRunner

from quant_cli.main import app
from quant_shared.testing import serve_app
from quant_trading.app import create_app

runner = CliRunner()
DAY_MS = 86_400_000


def bars(n: int = 300) -> dict[str, list]:
    close = [100 + 0.05 * i + 6 * math.sin(i / 8) + 2 * math.sin(i / 2.7) for i in range(n)]
    opens = [close[0], *close[:-1]]
    return {
        "timestamp": [1_672_617_600_000 + i * DAY_MS for i in range(n)],
        "open": opens,
        "high": [max(o, c) + 0.5 for o, c in zip(opens, close, strict=True)],
        "low": [min(o, c) - 0.5 for o, c in zip(opens, close, strict=True)],
        "close": close,
        "volume": [1000 + i % 50 for i in range(n)],
    }


def market_data_stand_in() -> FastAPI:
    stand_in = FastAPI()

    @stand_in.get("/market-data/bars/{symbol}/columnar")
    async def columnar(symbol: str, interval: str, start: str | None = None, end: str | None = None):
        if symbol != "AAA" or interval != "1d":
            raise HTTPException(404, f"unknown symbol {symbol}")
        return bars()

    return stand_in


@pytest.fixture
def trading_url(settings):
    with serve_app(market_data_stand_in(), lifespan="off") as market_url:
        trading = create_app(settings.model_copy(update={"service_urls": {"market_data": market_url}}))
        with serve_app(trading) as url:
            yield url


def invoke(url: str, token: str, *args: str):
    return runner.invoke(app, ["optimize", "--api-url", url, "--token", token, "-s", "AAA", *args])


def test_grid_search_on_the_real_trading_api(trading_url, user_token, tmp_path):
    out = tmp_path / "trials.json"
    res = invoke(trading_url, user_token, "-p", "fast=3:6:1", "-p", "slow=10:20:5", "-o", str(out))
    assert res.exit_code == 0, res.output
    saved = json.loads(out.read_text())
    run, trials = saved["run"], saved["trials"]
    assert run["status"] == "completed" and run["max_trials"] == 12 and len(trials) == 12
    assert {(t["parameters"]["fast"], t["parameters"]["slow"]) for t in trials} == {
        (f, s) for f in range(3, 7) for s in (10, 15, 20)
    }
    best = max((t for t in trials if t["value"] is not None), key=lambda t: t["value"])
    assert run["best_value"] == pytest.approx(best["value"])
    assert {k: run["best_parameters"][k] for k in ("fast", "slow")} == best["parameters"]
    assert "12/12 trials" in res.output and "Best 10 of 12 trials (grid)" in res.output
    first = re.search(r"│ +1 │ +(\d+) │ +(\d+) │ +(\d+) │", res.output)
    assert first and first.groups() == (
        str(best["number"]),
        str(best["parameters"]["fast"]),
        str(best["parameters"]["slow"]),
    ), res.output


def test_walk_forward_and_random_search(trading_url, user_token):
    res = invoke(
        trading_url,
        user_token,
        "--method",
        "random",
        "-n",
        "3",
        "--seed",
        "7",
        "--objective",
        "total_return",
        "-p",
        "fast=3:8",
        "-p",
        "slow=10:30",
        "--walk-forward",
        "150:50:2",
    )
    assert res.exit_code == 0, res.output
    assert "Walk-forward windows" in res.output and "6/6 trials" in res.output
    assert "out-of-sample total_return" in res.output


def test_problems_of_the_real_api_name_the_field(trading_url, user_token):
    too_low = invoke(trading_url, user_token, "-p", "fast=0:5", "-p", "slow=10:20:5")
    luck = invoke(trading_url, user_token, "--objective", "luck", "-p", "fast=3:4")
    symbol = runner.invoke(
        app, ["optimize", "--api-url", trading_url, "--token", user_token, "-s", "NOPE", "-p", "fast=3:4"]
    )
    anonymous = {"QUANT_TOKEN": None, "QUANT_API_KEY": None, "QUANT_EMAIL": None}
    unauthenticated = runner.invoke(
        app, ["optimize", "--api-url", trading_url, "-s", "AAA", "-p", "fast=3:4"], env=anonymous
    )
    assert too_low.exit_code == 2 and "body.parameter_ranges.fast.low: must be >=" in too_low.output
    assert luck.exit_code == 2 and "body.objective: unknown KPI" in luck.output
    assert symbol.exit_code == 2 and "body.symbol" in symbol.output
    assert unauthenticated.exit_code == 2 and "401" in unauthenticated.output
