"""Portfolio routes: rebalanced backtests, correlation and Monte Carlo against direct computations."""

import numpy as np
import pytest

from quant_shared.testing import bearer
from quant_trading.engine import OHLCV, EngineConfig
from quant_trading.engine.montecarlo import monte_carlo_projection
from quant_trading.engine.portfolio import align_closes, run_portfolio_backtest, run_portfolio_bars

from .contract_app import SYMBOLS
from .helpers import wait_task

WEIGHTS = {"AAA": 0.6, "BBB": 0.3}


def direct():
    series = {s: OHLCV.from_columnar(SYMBOLS[s]) for s in WEIGHTS}
    stamps, closes = align_closes(series)
    ppy = series["AAA"].periods_per_year()  # the same annualization as single-asset runs on these bars
    return run_portfolio_backtest(
        stamps, closes, list(WEIGHTS), WEIGHTS, "monthly", commission=0.001, periods_per_year=ppy
    )


async def portfolio_backtest(client, token, config: dict | None = None) -> dict:
    payload = {"weights": WEIGHTS, "rebalance": "monthly", "config": config or {"commission": 0.001}}
    resp = await client.post("/portfolio/backtests", json=payload, headers=bearer(token))
    assert resp.status_code == 202, resp.text
    await wait_task(client, resp.json()["task_id"], token)
    return (await client.get(f"/backtests/{resp.json()['resource_id']}", headers=bearer(token))).json()


async def test_portfolio_backtest_matches_the_engine(client, user_token):
    bt = await portfolio_backtest(client, user_token)
    assert bt["status"] == "completed", bt
    expected = direct()
    assert bt["metrics"]["final_equity"] == pytest.approx(expected.equity[-1])
    assert bt["metrics"]["sharpe_ratio"] == pytest.approx(expected.metrics["sharpe_ratio"])
    contribution = bt["portfolio"]["contribution"]
    assert sum(contribution.values()) == pytest.approx(expected.equity[-1] - 10_000)
    assert bt["portfolio"]["rebalances"] == len(expected.rebalance_bars)
    series = (await client.get(f"/backtests/{bt['id']}/equity", headers=bearer(user_token))).json()
    assert series["equity"] == pytest.approx(expected.equity.tolist())


async def test_correlation_matches_numpy(client, user_token):
    body = {"symbols": ["AAA", "BBB", "CCC"]}
    resp = await client.post("/portfolio/correlation", json=body, headers=bearer(user_token))
    assert resp.status_code == 200, resp.text
    closes = np.array([SYMBOLS[s]["close"] for s in body["symbols"]])
    expected = np.corrcoef(closes[:, 1:] / closes[:, :-1] - 1)
    assert np.allclose(np.array(resp.json()["matrix"]), expected)
    assert resp.json()["observations"] == len(SYMBOLS["AAA"]["close"]) - 1


async def test_monte_carlo_bands(client, user_token):
    bt = await portfolio_backtest(client, user_token)
    body = {"backtest_id": bt["id"], "horizon": 60, "simulations": 500, "percentiles": [95, 5, 50], "seed": 3}
    resp = await client.post("/portfolio/monte-carlo", json=body, headers=bearer(user_token))
    assert resp.status_code == 200, resp.text
    out = resp.json()
    expected = monte_carlo_projection(direct().equity, 60, 500, (5, 50, 95), seed=3)
    assert out["percentiles"] == [5, 50, 95] and len(out["bands"]["p50"]) == 61
    for key in ("p5", "p50", "p95"):
        assert out["bands"][key] == pytest.approx(np.asarray(expected["bands"][key]).tolist())
    assert all(lo <= hi for lo, hi in zip(out["bands"]["p5"], out["bands"]["p95"], strict=True))
    assert out["probability_of_loss"] == pytest.approx(expected["probability_of_loss"])


async def test_portfolio_errors(client, token_factory):
    alice, bob = bearer(token_factory.user("alice")), bearer(token_factory.user("bob"))
    cases = [
        ("/portfolio/backtests", {"weights": {"AAA": 0.8, "BBB": 0.5}}, "body.weights"),
        ("/portfolio/backtests", {"weights": {"AAA": 0.5, "NOPE": 0.5}}, "body.weights"),
        ("/portfolio/correlation", {"symbols": ["AAA", "aaa"]}, "body.symbols"),
        ("/portfolio/correlation", {"symbols": ["AAA", "ZZZ"]}, "body.symbols"),
        ("/portfolio/monte-carlo", {"backtest_id": "0" * 24}, "body.backtest_id"),
        ("/portfolio/monte-carlo", {"backtest_id": "x", "horizon": 0}, "body.horizon"),
    ]
    for path, payload, field in cases:
        resp = await client.post(path, json=payload, headers=alice)
        assert resp.status_code == 422, (path, payload, resp.text)
        assert resp.json()["errors"][0]["field"] == field, resp.json()
    bt = await portfolio_backtest(client, token_factory.user("alice"))
    other = await client.post("/portfolio/monte-carlo", json={"backtest_id": bt["id"]}, headers=bob)
    assert other.status_code == 422 and other.json()["errors"][0]["field"] == "body.backtest_id"
    assert (await client.post("/portfolio/correlation", json={"symbols": ["AAA", "BBB"]})).status_code == 401


async def test_portfolio_backtest_annualizes_with_the_configured_periods(client, user_token):
    payload = {
        "weights": WEIGHTS,
        "rebalance": "monthly",
        "config": {"commission": 0.001, "periods_per_year": 52},
    }
    resp = await client.post("/portfolio/backtests", json=payload, headers=bearer(user_token))
    await wait_task(client, resp.json()["task_id"], user_token)
    bt = (await client.get(f"/backtests/{resp.json()['resource_id']}", headers=bearer(user_token))).json()
    series = {s: OHLCV.from_columnar(SYMBOLS[s]) for s in WEIGHTS}
    stamps, closes = align_closes(series)
    weekly = run_portfolio_backtest(
        stamps, closes, list(WEIGHTS), WEIGHTS, "monthly", commission=0.001, periods_per_year=52
    )
    assert bt["metrics"]["sharpe_ratio"] == pytest.approx(weekly.metrics["sharpe_ratio"])
    assert bt["metrics"]["sharpe_ratio"] != pytest.approx(direct().metrics["sharpe_ratio"])


async def test_portfolio_order_settings_match_the_engine_and_impossible_ones_are_refused(client, user_token):
    headers = bearer(user_token)
    bad = {"weights": WEIGHTS, "config": {"pyramiding": 2, "allow_short": True}}
    refused = await client.post("/portfolio/backtests", json=bad, headers=headers)
    assert refused.status_code == 422, refused.text
    fields = [e["field"] for e in refused.json()["errors"]]
    assert fields == ["body.config.allow_short", "body.config.pyramiding"]
    assert (await client.get("/backtests", headers=headers)).json()["total"] == 0  # nothing stored
    config = {"commission": 0.001, "spread": 0.002, "trailing_stop_pct": 0.03}
    bt = await portfolio_backtest(client, user_token, config)
    series = {s: OHLCV.from_columnar(SYMBOLS[s]) for s in WEIGHTS}
    ppy = series["AAA"].periods_per_year()
    expected = run_portfolio_bars(series, WEIGHTS, "monthly", EngineConfig(**config, periods_per_year=ppy))
    assert bt["metrics"]["final_equity"] == pytest.approx(expected.equity[-1])
    assert bt["portfolio"]["exits"] == expected.exits and bt["portfolio"]["margin_calls"] == 0
    assert sum(n for reasons in expected.exits.values() for n in reasons.values()) > 0  # the stops fired
