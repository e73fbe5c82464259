"""A user never sees or changes another user's ML records: a foreign id or name is a 404."""

from quant_shared.testing import bearer

from .helpers import trained_model


async def test_another_users_records_are_not_found(client, token_factory):
    alice, bob = bearer(token_factory.user("alice")), bearer(token_factory.user("bob"))
    model = await trained_model(client, alice, name="clf")
    experiment_id = model["experiment"]["id"]
    deployed = await client.post("/ml/models/clf/deployments", json={"version": 1}, headers=alice)
    assert deployed.status_code == 201, deployed.text
    deployment_id = deployed.json()["id"]
    assert (
        await client.post("/ml/models/clf/predict", json={"symbol": "AAA"}, headers=alice)
    ).status_code == 200

    for path in (
        f"/ml/experiments/{experiment_id}",
        "/ml/models/clf",
        "/ml/models/clf/versions/1/lineage",
        "/ml/models/clf/versions/1/metrics",
        f"/ml/models/clf/deployments/{deployment_id}/signals",
    ):
        assert (await client.get(path, headers=bob)).status_code == 404, path
    assert (await client.delete(f"/ml/experiments/{experiment_id}", headers=bob)).status_code == 404
    stop = f"/ml/models/clf/deployments/{deployment_id}/stop"
    assert (await client.post(stop, headers=bob)).status_code == 404
    assert (await client.post("/ml/models/clf/archive", headers=bob)).status_code == 404
    for path in ("/ml/experiments", "/ml/models", "/ml/models/clf/predictions", "/features"):
        assert (await client.get(path, headers=bob)).json()["total"] == 0, path

    # the owner still has everything, untouched
    assert (await client.get(f"/ml/experiments/{experiment_id}", headers=alice)).status_code == 200
    lineage = (await client.get("/ml/models/clf/versions/1/lineage", headers=alice)).json()
    assert [f["feature_name"] for f in lineage["features"]] == model["features"]
    assert (await client.get("/ml/models/clf/predictions", headers=alice)).json()["total"] == 1
    deployments = (await client.get("/ml/models/clf/deployments", headers=alice)).json()
    assert [d["status"] for d in deployments] == ["active"]
