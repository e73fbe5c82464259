"""ML-platform reactions: MarketDataIngested -> stale feature values refreshed; ModelDeployed ->
signals for the deployment's symbols; UserDeleted -> the user's ML data gone (in-process bus)."""

from datetime import timedelta

from quant_ml_platform.models import DOCUMENTS
from quant_ml_platform.models.deployment_signal import DeploymentSignal
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.models.feature_value import FeatureValue
from quant_shared.events import MarketDataIngested, ModelDeployed, UserDeleted, make_event
from quant_shared.testing import bearer

from .helpers import define_features, materialize, trained_model
from .market_data_contract import N_BARS, START

CUT = START + timedelta(days=299)
LAST = START + timedelta(days=N_BARS - 1)


async def _latest(client, headers, names, symbol="AAA") -> dict:
    params = [("symbol", symbol), *(("features", n) for n in names)]
    resp = await client.get("/features/latest", params=params, headers=headers)
    assert resp.status_code == 200, resp.text
    return resp.json()


async def test_ingested_bars_make_values_stale_and_they_are_refreshed(client, auth):
    names = await define_features(client, auth)
    await materialize(client, auth, names, ["AAA", "BBB"], end=CUT.isoformat())
    before = await _latest(client, auth, names)
    assert before["timestamps"]["ret1@1"].startswith(CUT.date().isoformat())
    bus = client.app.state.event_bus
    event = make_event(
        MarketDataIngested(symbols=["AAA"], timeframe="1d", start=CUT + timedelta(days=1), bars=60),
        producer="market_data",
    )
    await bus.publish(event)
    await bus.publish(event)  # redelivered: the same mark
    await bus.drain()
    versions = await FeatureVersion.find({"feature_name": {"$in": names}}).to_list()
    assert all(set(v.stale) == {"AAA"} for v in versions), [v.stale for v in versions]
    assert all(v.stale["AAA"]["event_id"] == event.id for v in versions)
    hourly = make_event(MarketDataIngested(symbols=["BBB"], timeframe="1h"), producer="market_data")
    await bus.publish(hourly)  # another interval: nothing of ours is affected
    await bus.drain()
    assert all("BBB" not in v.stale for v in await FeatureVersion.find_all().to_list())

    after = await _latest(client, auth, names)  # the owner's read re-materializes with their token
    assert after["timestamps"]["ret1@1"].startswith(LAST.date().isoformat())
    assert after["values"] != before["values"]
    refreshed = await FeatureVersion.find({"feature_name": {"$in": names}}).to_list()
    assert all(v.stale == {} and v.materialized["AAA"]["last"].date() == LAST.date() for v in refreshed)
    ret1 = next(v for v in refreshed if v.feature_name == "ret1")
    assert await FeatureValue.find({"version_id": ret1.id, "symbol": "AAA"}).count() == N_BARS
    bbb = await _latest(client, auth, names, symbol="BBB")  # untouched symbol: still the old span
    assert bbb["timestamps"]["ret1@1"].startswith(CUT.date().isoformat())


async def test_deploying_a_model_starts_its_signals(client, auth):
    await trained_model(client, auth, name="clf", symbols=("AAA", "BBB"))
    resp = await client.post("/ml/models/clf/deployments", json={"version": 1}, headers=auth)
    assert resp.status_code == 201, resp.text
    deployment_id = resp.json()["id"]
    await client.app.state.outbox.flush()
    await client.app.state.event_bus.drain()
    url = f"/ml/models/clf/deployments/{deployment_id}/signals"
    started = (await client.get(url, headers=auth)).json()
    assert [s["symbol"] for s in started] == ["AAA", "BBB"]
    assert all(s["items"] and s["latest"] == s["items"][-1]["signal"] for s in started)
    served = (await client.get("/ml/models/clf/signals?symbol=AAA", headers=auth)).json()["items"]
    assert started[0]["items"][-1] == served[-1]  # the same model on the same features
    # redelivery: still one record per symbol
    docs = await DeploymentSignal.find_all().to_list()
    event = make_event(
        ModelDeployed(
            model_id="m", deployment_id=deployment_id, owner_id=docs[0].owner_id, symbols=["AAA", "BBB"]
        ),
        producer="ml_platform",
    )
    await client.app.state.event_bus.publish(event)
    await client.app.state.event_bus.drain()
    assert await DeploymentSignal.find_all().count() == 2
    # an unknown deployment has no signals to show
    assert (await client.get(url.replace(deployment_id, "0" * 24), headers=auth)).status_code == 404


async def test_user_deleted_removes_their_ml_data(client, token_factory):
    alice, bob = bearer(token_factory.user("alice")), bearer(token_factory.user("bob"))
    await trained_model(client, alice, name="clf")
    await define_features(client, bob)
    await materialize(client, bob, ["ret1"], ["AAA"])
    alice_versions = [v.id for v in await FeatureVersion.find({"owner_id": "alice"}).to_list()]
    assert await FeatureValue.find({"version_id": {"$in": alice_versions}}).count() > 0
    bus = client.app.state.event_bus
    await bus.publish(make_event(UserDeleted(user_id="alice"), producer="user"))
    await bus.drain()
    owned = [m for m in DOCUMENTS if "owner_id" in m.model_fields]
    assert [await m.find({"owner_id": "alice"}).count() for m in owned] == [0] * len(owned)
    assert await FeatureValue.find({"version_id": {"$in": alice_versions}}).count() == 0
    assert (await client.get("/ml/models", headers=alice)).status_code == 401  # her tokens are revoked
    assert (await client.get("/features", headers=bob)).json()["total"] == 4
    assert (await _latest(client, bob, ["ret1"]))["values"]["ret1@1"] is not None
