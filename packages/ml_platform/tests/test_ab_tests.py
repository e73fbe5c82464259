"""A/B test between two deployments on logged outcomes, checked against direct formulas."""

import math
from datetime import timedelta

import numpy as np

from .helpers import train, trained_model
from .market_data_contract import START, SYMBOLS


def _phi(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


async def test_ab_test_numbers(client, auth):
    setup = await trained_model(client, auth)
    forest = await train(
        client, auth, setup["features"], algorithm="random_forest", params={"n_estimators": 20}
    )
    await client.post("/ml/models/clf/versions", json={"experiment_id": forest["id"]}, headers=auth)
    a = (await client.post("/ml/models/clf/deployments", json={"version": 1}, headers=auth)).json()
    b = (
        await client.post(
            "/ml/models/clf/deployments",
            json={"version": 2, "mode": "canary", "traffic_percent": 50},
            headers=auth,
        )
    ).json()
    for day in range(150, 230):
        ask = {
            "symbol": "AAA",
            "timestamp": (START + timedelta(days=day, hours=1)).isoformat(),
            "routing_key": str(day),
        }
        assert (await client.post("/ml/models/clf/predict", json=ask, headers=auth)).status_code == 200
    body = {"model": "clf", "deployment_a": a["id"], "deployment_b": b["id"]}
    hit = await client.post("/ml/evaluations/ab-tests", json=body, headers=auth)
    assert hit.status_code == 201, hit.text
    hit = hit.json()["data"]
    logs = (await client.get("/ml/models/clf/predictions?limit=500", headers=auth)).json()["items"]
    close = np.array(SYMBOLS["AAA"]["close"])
    for log in logs:  # outcomes resolved from the bars: the bar after the features' bar
        day = (np.datetime64(log["as_of"][:10]) - np.datetime64(START.date().isoformat())).astype(int)
        assert abs(log["actual_return"] - (close[day + 1] / close[day] - 1)) < 1e-12
        assert log["correct"] == ((log["prediction"] > 0.5) == (close[day + 1] > close[day]))
    arm = {
        dep: np.array([float(x["correct"]) for x in logs if x["deployment_id"] == dep])
        for dep in (a["id"], b["id"])
    }
    xa, xb = arm[a["id"]], arm[b["id"]]
    assert hit["n_a"] == len(xa) and hit["n_b"] == len(xb) and len(xa) + len(xb) == 80
    pooled = (xa.sum() + xb.sum()) / (len(xa) + len(xb))
    z = (xa.mean() - xb.mean()) / math.sqrt(pooled * (1 - pooled) * (1 / len(xa) + 1 / len(xb)))
    assert abs(hit["result"]["statistic"] - z) < 1e-9
    assert abs(hit["result"]["p_value"] - 2 * (1 - _phi(abs(z)))) < 1e-9
    h = 2 * math.asin(math.sqrt(xa.mean())) - 2 * math.asin(math.sqrt(xb.mean()))
    assert abs(hit["result"]["effect_size"] - h) < 1e-12
    required = math.ceil(((1.959963984540054 + 0.8416212335729143) / abs(h)) ** 2)
    assert hit["result"]["required_per_arm"] == required
    assert hit["sample_adequate"] == (min(len(xa), len(xb)) >= required)
    assert hit["ci_low"] < xa.mean() - xb.mean() < hit["ci_high"]
    assert hit["significant"] == (hit["result"]["p_value"] < 0.05)
    ret = (
        await client.post(
            "/ml/evaluations/ab-tests", json={**body, "metric": "strategy_return"}, headers=auth
        )
    ).json()
    ra = np.array(
        [x["actual_return"] if x["signal"] == "buy" else 0.0 for x in logs if x["deployment_id"] == a["id"]]
    )
    rb = np.array(
        [x["actual_return"] if x["signal"] == "buy" else 0.0 for x in logs if x["deployment_id"] == b["id"]]
    )
    va, vb = ra.var(ddof=1) / len(ra), rb.var(ddof=1) / len(rb)
    t = (ra.mean() - rb.mean()) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (len(ra) - 1) + vb**2 / (len(rb) - 1))
    data = ret["data"]["result"]
    assert data["test"] == "welch_t" and abs(data["statistic"] - t) < 1e-9 and abs(data["df"] - df) < 1e-9
    same = await client.post("/ml/evaluations/ab-tests", json={**body, "deployment_b": a["id"]}, headers=auth)
    assert same.status_code == 422 and same.json()["errors"][0]["field"] == "body.deployment_b"
