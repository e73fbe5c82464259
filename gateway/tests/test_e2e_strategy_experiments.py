"""Strategy <-> ML experiment as a checked relation through the all-in-one gateway: linking needs the
caller's own strategy, both sides show the link, and deleting either side updates the other (events)."""

from datetime import UTC, datetime, timedelta

import pytest

from quant_gateway.app import create_app
from quant_shared.testing import bearer, running_app

from .events_fixtures import eventually, task_done

TODAY = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
START, END = TODAY - timedelta(days=200), TODAY - timedelta(days=20)


@pytest.fixture
async def platform(settings):
    async with running_app(create_app(settings)) as client:
        yield client


async def test_link_both_directions_and_cleanup_on_deletion(platform, token_factory):
    client, auth, other = (
        platform,
        bearer(token_factory.user("linker")),
        bearer(token_factory.user("intruder")),
    )
    feature = {"name": "r1", "transformation": "returns"}
    assert (await client.post("/features", json=feature, headers=auth)).status_code == 201
    body = {"features": ["r1"], "symbols": ["AAPL"], "start": START.isoformat()}
    await task_done(client, auth, await client.post("/features/materializations", json=body, headers=auth))
    strategy = (
        await client.post("/strategies", json={"name": "s", "strategy_type": "buy_and_hold"}, headers=auth)
    ).json()
    sid = strategy["id"]
    training = {**body, "name": "x", "end": END.isoformat(), "n_splits": 2, "strategy_id": sid}

    refused = await client.post("/ml/experiments", json=training, headers=other)  # not intruder's strategy
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "body.strategy_id"
    first = (
        await task_done(client, auth, await client.post("/ml/experiments", json=training, headers=auth))
    )["resource_id"]
    second = (
        await task_done(client, auth, await client.post("/ml/experiments", json=training, headers=auth))
    )["resource_id"]

    async def strategy_lists(*ids) -> bool:
        got = (await client.get(f"/strategies/{sid}", headers=auth)).json()["experiment_ids"]
        return sorted(got) == sorted(ids)

    await eventually(lambda: strategy_lists(first, second), timeout=10)
    listed = (await client.get(f"/strategies/{sid}/experiments", headers=auth)).json()
    assert {e["id"] for e in listed["items"]} == {first, second} and listed["total"] == 2
    assert listed["items"][0]["status"] == "completed" and listed["items"][0]["symbols"] == ["AAPL"]
    assert (await client.get(f"/strategies/{sid}/experiments", headers=other)).status_code == 404

    assert (await client.delete(f"/ml/experiments/{first}", headers=auth)).status_code == 204
    await eventually(lambda: strategy_lists(second), timeout=10)
    assert (await client.delete(f"/strategies/{sid}", headers=auth)).status_code == 204

    async def unlinked() -> bool:
        return (await client.get(f"/ml/experiments/{second}", headers=auth)).json()["strategy_id"] is None

    await eventually(unlinked, timeout=10)
