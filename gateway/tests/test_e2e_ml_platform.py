"""ML platform end to end through the all-in-one gateway on the real market-data demo universe:
features -> experiment linked to a strategy -> registry -> deployment -> predictions and signals ->
an ML-signal backtest in the trading domain -> benchmark, A/B test, fairness audit, regimes."""

import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from quant_gateway.app import create_app
from quant_shared.testing import bearer, running_app

from .events_fixtures import task_done

FEATURES = [
    {"name": "ret1", "transformation": "returns"},
    {"name": "ret5", "transformation": "returns", "params": {"periods": 5}},
    {"name": "vol10", "transformation": "rolling_volatility", "params": {"window": 10}},
    {"name": "rsi14", "transformation": "rsi"},
]
SYMBOLS = ["AAPL", "MSFT", "AMZN", "SPY"]
TODAY = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
START, SPLIT = TODAY - timedelta(days=420), TODAY - timedelta(days=90)


async def _experiment(client, headers, **extra) -> dict:
    body = {
        "name": "e2e",
        "features": [f["name"] for f in FEATURES],
        "symbols": ["AAPL", "MSFT"],
        "start": START.isoformat(),
        "end": SPLIT.isoformat(),
        "n_splits": 4,
        **extra,
    }
    accepted = await task_done(
        client, headers, await client.post("/ml/experiments", json=body, headers=headers)
    )
    return (await client.get(f"/ml/experiments/{accepted['resource_id']}", headers=headers)).json()


@pytest.fixture
async def platform(settings):
    async with running_app(create_app(settings)) as client:
        yield client


async def test_ml_lifecycle_through_the_gateway(platform, token_factory):
    client, auth = platform, bearer(token_factory.user("quant-e2e"))
    for feature in FEATURES:
        assert (await client.post("/features", json=feature, headers=auth)).status_code == 201
    body = {"features": [f["name"] for f in FEATURES], "symbols": SYMBOLS, "start": START.isoformat()}
    await task_done(client, auth, await client.post("/features/materializations", json=body, headers=auth))
    bad = await client.post(
        "/features/materializations", json={**body, "symbols": ["NOPE-XYZ"]}, headers=auth
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.symbols.0"

    strategy = {"name": "follow-clf", "strategy_type": "ml_signal", "ml_model": "clf"}
    resp = await client.post("/strategies", json=strategy, headers=auth)
    assert resp.status_code == 201, resp.text
    strategy_id = resp.json()["id"]
    logistic = await _experiment(client, auth, strategy_id=strategy_id)
    forest = await _experiment(client, auth, algorithm="random_forest", params={"n_estimators": 30})
    assert logistic["status"] == "completed" and logistic["strategy_id"] == strategy_id
    linked = (await client.get(f"/ml/experiments?strategy_id={strategy_id}", headers=auth)).json()
    assert [e["id"] for e in linked["items"]] == [logistic["id"]]
    for exp in (logistic, forest):
        resp = await client.post("/ml/models/clf/versions", json={"experiment_id": exp["id"]}, headers=auth)
        assert resp.status_code == 201, resp.text
    a = (await client.post("/ml/models/clf/deployments", json={"version": 1}, headers=auth)).json()
    canary = {"version": 2, "mode": "canary", "traffic_percent": 50}
    b = (await client.post("/ml/models/clf/deployments", json=canary, headers=auth)).json()

    window = {"symbol": "AAPL", "interval": "1d", "start": SPLIT.isoformat(), "end": TODAY.isoformat()}
    signals = (await client.get("/ml/models/clf/signals", params=window, headers=auth)).json()
    assert signals["model"] == "clf" and signals["version"] == 1 and len(signals["items"]) > 40
    assert {i["signal"] for i in signals["items"]} <= {"buy", "sell", "hold"}
    backtest = {
        "strategy_id": strategy_id,
        "symbols": ["AAPL"],
        "start": SPLIT.isoformat(),
        "end": TODAY.isoformat(),
    }
    accepted = await task_done(client, auth, await client.post("/backtests", json=backtest, headers=auth))
    run = (await client.get(f"/backtests/{accepted['resource_id']}", headers=auth)).json()
    assert run["status"] == "completed" and run["ml_model"] == "clf"
    if all(i["signal"] != "buy" for i in signals["items"]):
        assert run["metrics"]["num_trades"] == 0

    bars = (
        await client.get(
            "/market-data/bars/AAPL/columnar",
            params=window | {"start": (SPLIT - timedelta(days=10)).isoformat()},
            headers=auth,
        )
    ).json()
    stamps = [datetime.fromtimestamp(t / 1000, UTC) for t in bars["timestamp"]]
    close = np.array(bars["close"])
    held = [i for i, t in enumerate(stamps) if SPLIT < t and i + 1 < len(close) and stamps[i + 1] <= TODAY]
    nxt = np.array([close[i + 1] / close[i] - 1 for i in held])
    last = np.array([close[i] / close[i - 1] - 1 for i in held])
    bench = {
        "model": "clf",
        "symbols": ["AAPL"],
        "start": (SPLIT + timedelta(hours=1)).isoformat(),
        "end": TODAY.isoformat(),
    }
    resp = await client.post("/ml/evaluations/benchmarks", json=bench, headers=auth)
    assert resp.status_code == 201, resp.text
    data = resp.json()["data"]
    assert data["n_samples"] == len(held)
    assert data["baselines"]["buy_and_hold"]["total_return"] == pytest.approx(np.prod(1 + nxt) - 1, abs=1e-9)
    assert data["baselines"]["persistence"]["accuracy"] == pytest.approx(np.mean((last > 0) == (nxt > 0)))

    for k, i in enumerate(held[:40]):
        ask = {
            "symbol": "AAPL",
            "timestamp": (stamps[i] + timedelta(days=1)).isoformat(),
            "routing_key": f"k{k}",
        }
        assert (await client.post("/ml/models/clf/predict", json=ask, headers=auth)).status_code == 200
    ab = await client.post(
        "/ml/evaluations/ab-tests",
        json={"model": "clf", "deployment_a": a["id"], "deployment_b": b["id"]},
        headers=auth,
    )
    assert ab.status_code == 201, ab.text
    ab = ab.json()["data"]
    logs = (await client.get("/ml/models/clf/predictions?limit=500&served=true", headers=auth)).json()[
        "items"
    ]
    arms = [
        np.array(
            [float(x["correct"]) for x in logs if x["deployment_id"] == d["id"] and x["correct"] is not None]
        )
        for d in (a, b)
    ]
    pooled = (arms[0].sum() + arms[1].sum()) / (len(arms[0]) + len(arms[1]))
    z = (arms[0].mean() - arms[1].mean()) / math.sqrt(
        pooled * (1 - pooled) * (1 / len(arms[0]) + 1 / len(arms[1]))
    )
    assert ab["n_a"] == len(arms[0]) and ab["result"]["statistic"] == pytest.approx(z)
    assert ab["result"]["p_value"] == pytest.approx(math.erfc(abs(z) / math.sqrt(2)))

    groups = {"AAPL": "tech", "MSFT": "tech", "AMZN": "consumer", "SPY": "index"}
    audit = {
        "model": "clf",
        "grouping": "sector",
        "groups": groups,
        "start": SPLIT.isoformat(),
        "threshold": 0.2,
    }
    resp = await client.post("/ml/evaluations/fairness-audits", json=audit, headers=auth)
    assert resp.status_code == 201, resp.text
    fair = resp.json()["data"]
    rates = [g["positive_rate"] for g in fair["groups"].values()]
    assert set(fair["groups"]) == {"tech", "consumer", "index"}
    assert fair["disparities"]["demographic_parity_difference"] == pytest.approx(max(rates) - min(rates))
    assert fair["passed"] == (
        max(
            fair["disparities"]["demographic_parity_difference"],
            fair["disparities"]["equalized_odds_difference"],
        )
        <= 0.2
    )


async def test_regimes_and_bad_input_through_the_gateway(platform, token_factory):
    client, auth = platform, bearer(token_factory.user("regime-e2e"))
    current = (await client.get("/ml/regimes/SPY/current?interval=1d", headers=auth)).json()
    assert set(current) == {"symbol", "regime", "probability", "as_of"}
    assert (
        current["regime"] in {"bull", "bear", "sideways", "high_volatility"}
        and 0 < current["probability"] <= 1
    )
    history = (
        await client.get("/ml/regimes/SPY/history", params={"start": START.isoformat()}, headers=auth)
    ).json()
    assert history["items"][-1]["timestamp"] == current["as_of"] and len(history["states"]) == 4
    unknown = await client.get("/ml/regimes/NOPE-XYZ/current", headers=auth)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "path.symbol"
    empty = {"name": "x", "features": ["ghost"], "symbols": ["SPY"]}
    resp = await client.post("/ml/experiments", json=empty, headers=auth)
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "body.features.0"
    await client.post("/features", json=FEATURES[0], headers=auth)
    nothing = await client.post("/ml/experiments", json={**empty, "features": ["ret1"]}, headers=auth)
    assert nothing.status_code == 422 and "empty training window" in nothing.json()["detail"]
