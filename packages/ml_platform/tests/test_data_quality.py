"""Feature data quality: drift (PSI, KS), constant stretches and NaN bursts become events."""

from datetime import timedelta

import numpy as np
from beanie import PydanticObjectId

from quant_ml_platform.models.feature_value import FeatureValue

from .helpers import define_features, materialize
from .market_data_contract import START, SYMBOLS

FEATURES = [
    {"name": "ret1", "transformation": "returns"},
    {"name": "hl", "transformation": "high_low_range"},
]


def _psi(train, serve):
    edges = np.unique(np.quantile(train, np.linspace(0, 1, 11)))
    edges[0], edges[-1] = -np.inf, np.inf
    e = np.clip(np.histogram(train, edges)[0] / len(train), 1e-4, None)
    a = np.clip(np.histogram(serve, edges)[0] / len(serve), 1e-4, None)
    return np.sum((a - e) * np.log(a / e))


async def test_drift_constant_and_nan_burst(client, auth):
    await define_features(client, auth, FEATURES)
    await materialize(client, auth, ["ret1", "hl"], ["REG"])
    split = (START + timedelta(days=99)).isoformat()
    serve_end = (START + timedelta(days=299)).isoformat()
    body = {"feature": "ret1", "symbol": "REG", "training_end": split, "serving_end": serve_end}
    report = (await client.post("/ml/evaluations/data-quality", json=body, headers=auth)).json()
    close = np.array(SYMBOLS["REG"]["close"])
    ret = close[1:] / close[:-1] - 1  # ret[i-1] is the value at bar i
    train, serve = ret[0:99], ret[99:299]
    assert abs(report["measurements"]["psi"] - _psi(train, serve)) < 1e-9
    d = np.max(
        np.abs(
            np.searchsorted(np.sort(train), np.sort(np.concatenate([train, serve])), "right") / len(train)
            - np.searchsorted(np.sort(serve), np.sort(np.concatenate([train, serve])), "right") / len(serve)
        )
    )
    assert abs(report["measurements"]["ks_statistic"] - d) < 1e-12
    assert [e["check"] for e in report["events"]] == ["drift"]
    constant = (
        await client.post("/ml/evaluations/data-quality", json={**body, "feature": "hl"}, headers=auth)
    ).json()
    assert "constant" in [e["check"] for e in constant["events"]]
    version = (await client.get("/features/ret1/versions/1", headers=auth)).json()
    gap = {"$gte": START + timedelta(days=40), "$lt": START + timedelta(days=46)}
    await FeatureValue.get_pymongo_collection().update_many(
        {"version_id": PydanticObjectId(version["id"]), "timestamp": gap}, {"$set": {"value": None}}
    )
    burst = (await client.post("/ml/evaluations/data-quality", json=body, headers=auth)).json()
    assert burst["measurements"]["longest_nan_run"] == 6
    assert {e["check"] for e in burst["events"]} == {"nan_burst", "drift"}
    events = (await client.get("/ml/evaluations/data-quality/events?series=ret1@1", headers=auth)).json()
    assert events["total"] == 1 + 2  # hl's own events are of the series hl@1
    assert {e["dataset"] for e in events["items"]} == {"feature_values"}
    short = await client.post(
        "/ml/evaluations/data-quality", json={**body, "training_end": START.isoformat()}, headers=auth
    )
    assert short.status_code == 422 and short.json()["errors"][0]["field"] == "body.training_end"
