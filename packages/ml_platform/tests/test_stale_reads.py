"""Values an ingest made stale (lazy path) are refreshed before any read of them: predictions, signals,
data-quality checks, not only ``/features/latest``."""

from datetime import timedelta

import pytest

from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.models.feature_value import FeatureValue

from .helpers import trained_model
from .market_data_contract import N_BARS, START
from .test_eager_refresh import deliver, ingested

LAST_DAY = START + timedelta(days=N_BARS - 1)


async def _last_value(version: FeatureVersion) -> FeatureValue:
    return (
        await FeatureValue.find({"version_id": version.id, "symbol": "AAA"})
        .sort("-timestamp")
        .first_or_none()
    )


async def _spoil_and_mark_stale(client, feature: str) -> tuple[FeatureVersion, float]:
    """The last stored value goes wrong, and an ingest without bars marks the series stale from it;
    the right value is returned."""
    version = await FeatureVersion.find_one({"feature_name": feature})
    last = await _last_value(version)
    await FeatureValue.get_pymongo_collection().update_one({"_id": last.id}, {"$set": {"value": 123.0}})
    await deliver(client, ingested(N_BARS - 1, with_bars=False, previous=N_BARS - 2))
    assert "AAA" in (await FeatureVersion.get(version.id)).stale
    return version, last.value


async def test_a_prediction_refreshes_stale_values_before_reading_them(client, auth):
    await trained_model(client, auth)
    deployed = await client.post("/ml/models/clf/deployments", json={"version": 1}, headers=auth)
    assert deployed.status_code == 201, deployed.text
    at = LAST_DAY + timedelta(days=1, hours=1)  # the last bar has closed: its values are known
    body = {"symbol": "AAA", "timestamp": at.isoformat()}
    good = (await client.post("/ml/models/clf/predict", json=body, headers=auth)).json()
    version, right = await _spoil_and_mark_stale(client, "ret1")
    assert good["features"]["ret1@1"] == right
    again = (await client.post("/ml/models/clf/predict", json=body, headers=auth)).json()
    assert (
        again["features"]["ret1@1"] == right
    )  # (RSI, an EWM, recomputed from the stale point differs a bit)
    assert (await FeatureVersion.get(version.id)).stale == {}

    version, right = await _spoil_and_mark_stale(client, "ret1")
    params = {"symbol": "AAA", "interval": "1d"}
    signals = (await client.get("/ml/models/clf/signals", params=params, headers=auth)).json()
    assert signals["items"] and (await FeatureVersion.get(version.id)).stale == {}
    assert (await _last_value(version)).value == pytest.approx(right, rel=1e-9)


async def test_a_data_quality_check_refreshes_stale_values_first(client, auth):
    await trained_model(client, auth)
    version, right = await _spoil_and_mark_stale(client, "vol10")
    body = {
        "feature": "vol10",
        "symbol": "AAA",
        "training_end": (START + timedelta(days=200)).isoformat(),
    }
    resp = await client.post("/ml/evaluations/data-quality", json=body, headers=auth)
    assert resp.status_code == 200, resp.text
    assert (await FeatureVersion.get(version.id)).stale == {}
    assert (await _last_value(version)).value == pytest.approx(right, rel=1e-9)
