"""Benchmark on a held-out period: baseline numbers checked against direct computations."""

from datetime import datetime

import numpy as np

from .helpers import define_features, materialize, train
from .market_data_contract import START, SYMBOLS


async def test_benchmark_against_baselines(client, auth):
    names = await define_features(client, auth)
    await materialize(client, auth, names, ["AAA"])
    exp = await train(client, auth, names, end="2023-09-30T00:00:00Z")
    await client.post("/ml/models/clf/versions", json={"experiment_id": exp["id"]}, headers=auth)
    await client.post("/ml/models/clf/deployments", json={"version": 1}, headers=auth)
    close = np.array(SYMBOLS["AAA"]["close"])
    nxt = close[1:] / close[:-1] - 1  # nxt[t] = return from bar t to t+1
    train_rows = np.arange(14, (datetime(2023, 9, 29, tzinfo=START.tzinfo) - START).days + 1)
    assert abs(exp["train_up_rate"] - np.mean(nxt[train_rows] > 0)) < 1e-12
    overlap = await client.post(
        "/ml/evaluations/benchmarks",
        json={"model": "clf", "symbols": ["AAA"], "start": "2023-09-01T00:00:00Z"},
        headers=auth,
    )
    assert overlap.status_code == 422 and overlap.json()["errors"][0]["field"] == "body.start"
    resp = await client.post(
        "/ml/evaluations/benchmarks",
        json={"model": "clf", "symbols": ["AAA"], "start": "2023-10-01T00:00:00Z"},
        headers=auth,
    )
    assert resp.status_code == 201, resp.text
    data = resp.json()["data"]
    first = (datetime(2023, 10, 1, tzinfo=START.tzinfo) - START).days
    held = np.arange(first, len(close) - 1)
    up, last = nxt[held] > 0, close[held] / close[held - 1] - 1
    assert data["n_samples"] == len(held) and data["version"] == 1
    base = data["baselines"]
    assert abs(base["persistence"]["accuracy"] - np.mean((last > 0) == up)) < 1e-12
    assert abs(base["buy_and_hold"]["accuracy"] - np.mean(up)) < 1e-12
    assert abs(base["buy_and_hold"]["total_return"] - (np.prod(1 + nxt[held]) - 1)) < 1e-9
    majority = exp["train_up_rate"] >= 0.5
    assert abs(base["majority_class"]["accuracy"] - np.mean(up == majority)) < 1e-12
    persist = (last > 0) * nxt[held]
    assert abs(base["persistence"]["total_return"] - (np.prod(1 + persist) - 1)) < 1e-9
    assert data["beats"]["persistence"] == (data["model"]["accuracy"] > base["persistence"]["accuracy"])
    assert 0 <= data["model"]["roc_auc"] <= 1
    metrics = (await client.get("/ml/models/clf/versions/1/metrics", headers=auth)).json()
    assert [m["source"].split(":")[0] for m in metrics] == ["walk_forward", "benchmark"]
    listed = (await client.get("/ml/evaluations/benchmarks", headers=auth)).json()
    assert listed["total"] == 1
