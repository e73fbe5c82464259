"""Reactions between domains end to end: the all-in-one gateway on a real nats-server (JetStream bus,
``QUANT_EVENTS_BACKEND=nats``), driven over HTTP only. Bars ingested -> feature values refreshed; a
quality issue -> the watcher's dashboard; a backtest -> strategy performance; a deployed model ->
its signals; a deleted user -> their data gone in every domain. Dead letters are admin-only."""

import uuid

import pytest

from quant_gateway.app import create_app
from quant_gen_ai.models.narrative_report import NarrativeReport
from quant_ml_platform.models.deployment import ModelDeployment
from quant_ml_platform.models.deployment_signal import DeploymentSignal
from quant_ml_platform.models.feature import FeatureVersion
from quant_ml_platform.models.feature_value import FeatureValue
from quant_shared.events.nats_bus import NatsEventBus
from quant_shared.testing import bearer, running_app
from quant_trading.models import Backtest, Strategy, StrategyPerformance
from quant_user.models.watchlist import Watchlist

from .events_fixtures import (
    FEATURES,
    NEW,
    OLD,
    SYMBOL,
    bars,
    eventually,
    quality_shown_to,
    register,
    task_done,
)


@pytest.fixture
async def gateway(settings, nats_url, token_factory, tmp_path, monkeypatch):
    key = tmp_path / "signing.pem"
    key.write_text(token_factory.private_pem)  # the user domain signs with the test key pair
    env = {
        "QUANT_EVENTS_BACKEND": "nats",
        "QUANT_EVENTS_NATS_URL": nats_url,
        "QUANT_EVENTS_NAMESPACE": f"e{uuid.uuid4().hex[:8]}",
        "QUANT_EVENTS_BACKOFF_SECONDS": "[0.2, 0.5]",
        "QUANT_EVENTS_OUTBOX_INTERVAL_SECONDS": "0.2",
        "QUANT_USER_JWT_PRIVATE_KEY_FILE": str(key),
        "QUANT_USER_DASHBOARD_SECTION_TIMEOUT_SECONDS": "60",
        "QUANT_MARKET_DATA_SEED_DEMO": "false",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    app = create_app(settings)
    async with running_app(app) as client:
        assert isinstance(app.state.event_bus, NatsEventBus)
        yield client


async def test_reactions_between_domains_over_nats(gateway, token_factory):
    client, admin = gateway, bearer(token_factory.admin("admin-e2e"))
    instrument = {"symbol": SYMBOL, "name": "Events Corp", "asset_class": "stock"}
    created = await client.post("/admin/market-data/instruments", json=instrument, headers=admin)
    assert created.status_code == 201
    alice_id, alice = await register(client, "alice@example.com")
    _, bob = await register(client, "bob@example.com")
    upload = await client.post(
        f"/admin/market-data/bars/{SYMBOL}", json={"interval": "1d", "bars": bars(OLD, 1)}, headers=admin
    )
    assert upload.status_code == 200 and upload.json()["quality_events"] >= 1, upload.text

    # a data-quality issue -> the dashboard of whoever watches the symbol
    watch = {"name": "mine", "items": [{"symbol": SYMBOL}]}
    for who in (alice, bob):
        assert (await client.post("/watchlists", json=watch, headers=who)).status_code == 201

    [gap] = await eventually(lambda: quality_shown_to(client, alice))
    assert gap["message"].startswith(f"gap on {SYMBOL} 1d") and gap["details"]["missing"] >= 10

    # features materialized, then new bars ingested -> the values are refreshed
    for feature in FEATURES:
        assert (await client.post("/features", json=feature, headers=alice)).status_code == 201
    names = [f["name"] for f in FEATURES]
    body = {"features": names, "symbols": [SYMBOL]}
    await task_done(client, alice, await client.post("/features/materializations", json=body, headers=alice))
    latest = [("symbol", SYMBOL), *(("features", n) for n in names)]
    before = (await client.get("/features/latest", params=latest, headers=alice)).json()
    assert before["timestamps"]["ret1@1"].startswith(OLD[-1].date().isoformat())
    more = await client.post(
        f"/admin/market-data/bars/{SYMBOL}", json={"interval": "1d", "bars": bars(NEW, 2)}, headers=admin
    )
    assert more.json()["inserted"] == len(NEW)

    async def stale():
        return await FeatureVersion.find({"owner_id": alice_id, f"stale.{SYMBOL}": {"$exists": True}}).count()

    async def all_refreshed():  # from the bars the event carried: no stale mark, no read needed
        mine = await FeatureVersion.find({"owner_id": alice_id}).to_list()
        return all(v.materialized[SYMBOL]["last"].date() == NEW[-1].date() for v in mine)

    await eventually(all_refreshed)
    assert await stale() == 0
    after = (await client.get("/features/latest", params=latest, headers=alice)).json()
    assert all(after["timestamps"][f"{n}@1"].startswith(NEW[-1].date().isoformat()) for n in names)
    assert after["values"] != before["values"] and await stale() == 0

    # a backtest of a stored strategy -> its performance in trading (and a narrative requested)
    strategy = {"name": "ema", "strategy_type": "ema_crossover", "parameters": {"fast": 5, "slow": 20}}
    sid = (await client.post("/strategies", json=strategy, headers=alice)).json()["id"]
    run = {"strategy_id": sid, "symbols": [SYMBOL], "generate_narrative": True}
    accepted = await task_done(client, alice, await client.post("/backtests", json=run, headers=alice))

    async def performance():
        perf = (await client.get(f"/strategies/{sid}/performance", headers=alice)).json()
        return perf if perf["backtests"] == 1 else None

    perf = await eventually(performance)
    bt = (await client.get(f"/backtests/{accepted['resource_id']}", headers=alice)).json()
    assert perf["last_backtest_id"] == bt["id"]
    assert perf["last_metrics"]["total_return"] == pytest.approx(bt["metrics"]["total_return"])

    async def narrative():
        return (await client.get(f"/narratives?backtest_id={bt['id']}", headers=alice)).json()["items"]

    assert (await eventually(narrative))[0]["requested_by"] == "event"

    # a model deployed -> signals for the symbols it was trained on
    experiment = {"name": "e2e", "features": names, "symbols": [SYMBOL], "n_splits": 3}
    done = await task_done(
        client, alice, await client.post("/ml/experiments", json=experiment, headers=alice)
    )
    version = {"experiment_id": done["resource_id"]}
    assert (await client.post("/ml/models/clf/versions", json=version, headers=alice)).status_code == 201
    deployed = (await client.post("/ml/models/clf/deployments", json={"version": 1}, headers=alice)).json()
    url = f"/ml/models/clf/deployments/{deployed['id']}/signals"

    async def signals():
        return (await client.get(url, headers=alice)).json()

    [started] = await eventually(signals)
    assert started["symbol"] == SYMBOL and started["items"] and started["latest"] in ("buy", "sell", "hold")

    # nothing failed: no dead letters; the route is the admin's
    letters = await client.get("/admin/events/dead-letters", headers=admin)
    assert letters.status_code == 200 and letters.json() == []
    assert (await client.get("/admin/events/dead-letters", headers=alice)).status_code == 403

    # the user deleted -> their data gone in every domain; bob's stays
    kinds = (
        Watchlist,
        Strategy,
        Backtest,
        StrategyPerformance,
        FeatureVersion,
        ModelDeployment,
        DeploymentSignal,
        NarrativeReport,
    )
    assert all([await kind.find({"owner_id": alice_id}).count() for kind in kinds])
    versions = [v.id for v in await FeatureVersion.find({"owner_id": alice_id}).to_list()]
    assert await FeatureValue.find({"version_id": {"$in": versions}}).count() > 0
    assert (await client.delete(f"/admin/users/{alice_id}", headers=admin)).status_code == 204

    async def purged():
        counts = [await kind.find({"owner_id": alice_id}).count() for kind in kinds]
        return not any(counts)

    await eventually(purged)
    assert await FeatureValue.find({"version_id": {"$in": versions}}).count() == 0
    for path in ("/strategies", "/backtests", "/features", "/narratives"):  # her tokens are revoked
        assert (await client.get(path, headers=alice)).status_code == 401, path
    assert len((await client.get("/watchlists", headers=bob)).json()) == 1
    assert len(await quality_shown_to(client, bob)) == 1  # bob's dashboard still shows the issue
