"""Materializing feature values runs their quality checks through the mixin: findings become the shared
data-quality event (owned, announced on the bus), listed and resolved by their owner only."""

from quant_ml_platform.models.data_quality_event import DataQualityEvent
from quant_shared.testing import bearer

from .helpers import define_features, materialize


async def test_materialized_values_are_checked_and_owned(client, auth, token_factory):
    seen = []

    async def handle(event):
        seen.append(event)

    client.app.state.event_bus.subscribe("DataQualityIssueDetected", "test.feature_values", handle)
    await define_features(client, auth, [{"name": "hl", "transformation": "high_low_range"}])
    await materialize(client, auth, ["hl"], ["REG"])  # REG's ranges repeat: a constant stretch
    listed = (await client.get("/ml/evaluations/data-quality/events?series=hl@1", headers=auth)).json()
    [constant] = listed["items"]
    assert constant["check"] == "constant" and constant["dataset"] == "feature_values"
    assert constant["symbol"] == "REG" and constant["details"]["run"] > 50
    stored = await DataQualityEvent.get(constant["id"])
    assert stored.owner_id and stored.pending_events  # announced through the outbox
    await client.app.state.outbox.flush()
    await client.app.state.event_bus.drain()
    assert [e.payload["document_id"] for e in seen] == [constant["id"]]
    assert seen[0].payload["owner_id"] == stored.owner_id

    # materializing again replaces the unresolved finding instead of adding a second one
    await materialize(client, auth, ["hl"], ["REG"])
    assert (await client.get("/ml/evaluations/data-quality/events", headers=auth)).json()["total"] == 1
    [again] = (await client.get("/ml/evaluations/data-quality/events", headers=auth)).json()["items"]

    other = bearer(token_factory.user("mallory"))
    assert (await client.get("/ml/evaluations/data-quality/events", headers=other)).json()["total"] == 0
    resolve = f"/ml/evaluations/data-quality/events/{again['id']}/resolve"
    assert (await client.post(resolve, headers=other)).status_code == 404
    done = await client.post(resolve, headers=auth)
    assert done.status_code == 200 and done.json()["resolved"] is True
    open_ = await client.get("/ml/evaluations/data-quality/events?resolved=false", headers=auth)
    assert open_.json()["total"] == 0
