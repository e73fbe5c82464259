"""Deployments, predictions (logged), canary and shadow traffic, and the ML-signal contract."""

from datetime import UTC, datetime, timedelta

import numpy as np

from .helpers import trained_model
from .market_data_contract import START


async def _deploy(client, auth, name, version, **extra):
    resp = await client.post(
        f"/ml/models/{name}/deployments", json={"version": version, **extra}, headers=auth
    )
    assert resp.status_code == 201, resp.text
    return resp.json()


async def test_predict_from_the_deployed_version_and_log_it(client, auth):
    setup = await trained_model(client, auth)
    no_deploy = await client.post("/ml/models/clf/predict", json={"symbol": "AAA"}, headers=auth)
    assert no_deploy.status_code == 422
    deployment = await _deploy(client, auth, "clf", 1)
    ask = (START + timedelta(days=300, hours=1)).isoformat()
    by_symbol = (
        await client.post("/ml/models/clf/predict", json={"symbol": "AAA", "timestamp": ask}, headers=auth)
    ).json()
    assert by_symbol["deployment_id"] == deployment["id"] and by_symbol["version"] == 1
    assert by_symbol["as_of"].startswith((START + timedelta(days=299)).date().isoformat())
    direct = {"features": {name: by_symbol["features"][f"{name}@1"] for name in setup["features"]}}
    again = (await client.post("/ml/models/clf/predict", json=direct, headers=auth)).json()
    assert again["prediction"] == by_symbol["prediction"]
    p = by_symbol["prediction"]
    expected = "buy" if p >= 0.55 else "sell" if p <= 0.45 else "hold"
    assert by_symbol["signal"] == expected and by_symbol["confidence"] == max(p, 1 - p)
    logged = (await client.get("/ml/models/clf/predictions", headers=auth)).json()
    assert logged["total"] == 2
    bad = await client.post("/ml/models/clf/predict", json={"features": {"ret1": 0.1}}, headers=auth)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.features.ret5"
    both = await client.post("/ml/models/clf/predict", json={"symbol": "AAA", "features": {}}, headers=auth)
    assert both.status_code == 422
    unknown = await client.post("/ml/models/clf/predict", json={"symbol": "ZZZ"}, headers=auth)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "body.symbol"


async def test_canary_and_shadow_split_traffic(client, auth):
    setup = await trained_model(client, auth)
    exp_id = setup["experiment"]["id"]
    await client.post("/ml/models/clf/versions", json={"experiment_id": exp_id}, headers=auth)
    await client.post("/ml/models/clf/versions", json={"experiment_id": exp_id}, headers=auth)
    early = await client.post(
        "/ml/models/clf/deployments", json={"version": 2, "mode": "canary"}, headers=auth
    )
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "body.mode"
    primary = await _deploy(client, auth, "clf", 1)
    canary = await _deploy(client, auth, "clf", 2, mode="canary", traffic_percent=30)
    shadow = await _deploy(client, auth, "clf", 3, mode="shadow")
    served = []
    for i in range(60):
        body = {"symbol": "AAA", "routing_key": f"user-{i}"}
        served.append(
            (await client.post("/ml/models/clf/predict", json=body, headers=auth)).json()["deployment_id"]
        )
    share = served.count(canary["id"]) / len(served)
    assert 0.15 < share < 0.45 and served.count(primary["id"]) == len(served) - served.count(canary["id"])
    repeat = await client.post(
        "/ml/models/clf/predict", json={"symbol": "AAA", "routing_key": "user-7"}, headers=auth
    )
    assert repeat.json()["deployment_id"] == served[7]  # sticky routing
    shadows = (await client.get("/ml/models/clf/predictions?served=false&limit=500", headers=auth)).json()
    assert shadows["total"] == 61 and {s["deployment_id"] for s in shadows["items"]} == {shadow["id"]}
    listed = (await client.get("/ml/models/clf/deployments", headers=auth)).json()
    assert {d["status"] for d in listed} == {"active", "canary", "shadow"}
    replaced = await _deploy(client, auth, "clf", 2)
    statuses = {
        d["id"]: d["status"] for d in (await client.get("/ml/models/clf/deployments", headers=auth)).json()
    }
    assert statuses[primary["id"]] == "inactive" and statuses[replaced["id"]] == "active"


async def test_signals_contract_for_the_trading_domain(client, auth):
    await trained_model(client, auth, symbols=("AAA", "BBB"))
    await _deploy(client, auth, "clf", 1)
    params = {
        "symbol": "BBB",
        "interval": "1d",
        "start": "2023-06-01T00:00:00Z",
        "end": "2023-06-30T00:00:00Z",
    }
    body = (await client.get("/ml/models/clf/signals", params=params, headers=auth)).json()
    assert (
        set(body) == {"model", "version", "symbol", "items"}
        and body["model"] == "clf"
        and body["version"] == 1
    )
    items = body["items"]
    assert len(items) == 30  # one per daily bar in June
    stamps = [datetime.fromisoformat(i["timestamp"]) for i in items]
    assert stamps[0] == datetime(2023, 6, 1, tzinfo=UTC) and stamps == sorted(stamps)
    for item in items:
        assert set(item) == {"timestamp", "signal", "confidence", "prediction"}
        p = item["prediction"]
        assert item["signal"] == ("buy" if p >= 0.55 else "sell" if p <= 0.45 else "hold")
        assert np.isclose(item["confidence"], max(p, 1 - p))
    # the signal stamped at a bar's open equals a prediction with features known at that instant
    one = {"symbol": "BBB", "timestamp": items[5]["timestamp"]}
    assert (await client.post("/ml/models/clf/predict", json=one, headers=auth)).json()[
        "prediction"
    ] == items[5]["prediction"]
    wrong = await client.get("/ml/models/clf/signals", params={**params, "interval": "1h"}, headers=auth)
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "query.interval"
    missing = await client.get("/ml/models/nope/signals", params=params, headers=auth)
    assert missing.status_code == 404
