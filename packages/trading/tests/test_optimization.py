"""Optimization: grid results equal direct engine runs; random, Bayesian and walk-forward runs; 422s."""

import numpy as np
import pytest

from quant_shared.testing import bearer
from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest
from quant_trading.kpis import simple_returns
from quant_trading.kpis.probabilistic import moments

from .contract_app import SYMBOLS
from .helpers import wait_task

RANGES = {"fast": {"low": 3, "high": 6, "step": 1}, "slow": {"low": 10, "high": 20, "step": 5}}
BASE = {"strategy_type": "sma_crossover", "symbol": "AAA", "parameter_ranges": RANGES, "max_trials": 20}


def direct(params: dict, **config):
    data = OHLCV.from_columnar(SYMBOLS["AAA"])
    cfg = EngineConfig(bootstrap_samples=0, **config)
    return run_backtest(data, build_strategy("sma_crossover", params), cfg)


async def optimize(client, token, payload) -> dict:
    resp = await client.post("/optimization", json=payload, headers=bearer(token))
    assert resp.status_code == 202, resp.text
    task = await wait_task(client, resp.json()["task_id"], token, timeout=120)
    assert task["status"] == "completed", task
    return (await client.get(f"/optimization/{resp.json()['resource_id']}", headers=bearer(token))).json()


async def test_grid_search_matches_direct_runs(client, user_token):
    run = await optimize(client, user_token, BASE)
    grid = [{"fast": f, "slow": s} for f in range(3, 7) for s in (10, 15, 20)]
    sharpes = {(p["fast"], p["slow"]): direct(p).metrics["sharpe_ratio"] for p in grid}
    best = max(sharpes, key=sharpes.get)
    assert run["trials_done"] == 12 and run["status"] == "completed"
    assert (run["best_parameters"]["fast"], run["best_parameters"]["slow"]) == best
    assert run["best_value"] == pytest.approx(sharpes[best])
    trials = (
        await client.get(f"/optimization/{run['id']}/trials?limit=100", headers=bearer(user_token))
    ).json()
    assert trials["total"] == 12
    # recorded as they end, numbered by their place in the grid
    assert [(t["number"], t["parameters"]) for t in trials["items"]] == list(enumerate(grid))
    for t in trials["items"]:
        assert t["value"] == pytest.approx(sharpes[(t["parameters"]["fast"], t["parameters"]["slow"])])
    bar_sharpes = [moments(simple_returns(direct(p).equity))[0] for p in grid]
    data = OHLCV.from_columnar(SYMBOLS["AAA"])
    strategy = build_strategy("sma_crossover", dict(zip(("fast", "slow"), best, strict=True)))
    expected = run_backtest(data, strategy, EngineConfig(n_trials=12), trial_sharpes=np.array(bar_sharpes))
    assert run["deflated_sharpe"] == pytest.approx(expected.metrics["deflated_sharpe_ratio"])
    top = await client.get(
        f"/optimization/{run['id']}/trials?best_first=true&limit=1", headers=bearer(user_token)
    )
    assert top.json()["items"][0]["value"] == pytest.approx(sharpes[best])


async def test_random_and_bayesian_respect_constraints(client, user_token):
    ranges = {"fast": {"low": 2, "high": 30, "step": 1}, "slow": {"low": 5, "high": 40, "step": 1}}
    for method in ("random", "bayesian"):
        payload = {
            **BASE,
            "method": method,
            "parameter_ranges": ranges,
            "max_trials": 6,
            "objective": "total_return",
        }
        run = await optimize(client, user_token, payload)
        trials = (await client.get(f"/optimization/{run['id']}/trials", headers=bearer(user_token))).json()
        assert trials["total"] == 6, method
        assert all(t["parameters"]["fast"] < t["parameters"]["slow"] for t in trials["items"])
        best = max(t["value"] for t in trials["items"] if t["value"] is not None)
        assert run["best_value"] == pytest.approx(best)
        params = run["best_parameters"]
        assert direct(params).metrics["total_return"] == pytest.approx(best)


async def test_walk_forward_stitches_out_of_sample_equity(client, user_token):
    payload = {**BASE, "walk_forward": {"in_sample_bars": 150, "out_of_sample_bars": 50}}
    run = await optimize(client, user_token, payload)
    wf = run["walk_forward_result"]
    assert len(wf["windows"]) == 5 and len(wf["timestamp"]) == 250 and run["trials_done"] == 60
    assert wf["timestamp"][0] == SYMBOLS["AAA"]["timestamp"][150]
    first = wf["windows"][0]
    data = OHLCV.from_columnar(SYMBOLS["AAA"]).slice(0, 200)
    out = run_backtest(data, build_strategy("sma_crossover", first["best_parameters"]), EngineConfig())
    growth = out.equity[150:] / out.equity[149]
    assert wf["equity"][:50] == pytest.approx((10_000 * growth).tolist())
    assert wf["oos_metrics"]["total_return"] == pytest.approx(wf["equity"][-1] / 10_000 - 1)
    url = f"/optimization/{run['id']}/trials?limit=100"
    trials = (await client.get(url, headers=bearer(user_token))).json()["items"]
    grid = [{"fast": f, "slow": s} for f in range(3, 7) for s in (10, 15, 20)]
    expected = [(k, k // 12, grid[k % 12]) for k in range(60)]  # the run's numbers, window by window
    assert [(t["number"], t["window"], t["parameters"]) for t in trials] == expected


async def test_bad_requests_name_the_field(client, token_factory):
    alice, bob = bearer(token_factory.user("alice")), bearer(token_factory.user("bob"))
    cases = [
        ({**BASE, "objective": "luck"}, "body.objective"),
        ({**BASE, "symbol": "NOPE"}, "body.symbol"),
        ({**BASE, "max_trials": 5}, "body.max_trials"),
        ({**BASE, "parameter_ranges": {"fast": {"low": 0, "high": 5}}}, "body.parameter_ranges.fast.low"),
        ({**BASE, "parameter_ranges": {"speed": {"low": 1, "high": 5}}}, "body.parameter_ranges.speed"),
        ({**BASE, "constraints": ["fast < nope"]}, "body.constraints.0"),
        ({**BASE, "constraints": ["__import__('os')"]}, "body.constraints.0"),
        (
            {**BASE, "walk_forward": {"in_sample_bars": 390, "out_of_sample_bars": 50}},
            "body.walk_forward.in_sample_bars",
        ),
    ]
    for payload, field in cases:
        resp = await client.post("/optimization", json=payload, headers=alice)
        assert resp.status_code == 422, (payload, resp.text)
        assert resp.json()["errors"][0]["field"] == field, resp.json()
    run = await optimize(
        client, token_factory.user("alice"), {**BASE, "parameter_ranges": {"fast": {"low": 3, "high": 4}}}
    )
    assert (await client.get(f"/optimization/{run['id']}", headers=bob)).status_code == 404
    assert (await client.get(f"/optimization/{run['id']}/trials", headers=bob)).status_code == 404
    assert (await client.post(f"/optimization/{run['id']}/cancel", headers=alice)).status_code == 409
    assert (await client.delete(f"/optimization/{run['id']}", headers=alice)).status_code == 204
    assert (await client.get("/optimization", headers=alice)).json()["total"] == 0
