"""Admin: every user's models and deployments; archive or delete any; users cannot."""

from quant_shared.testing import bearer

from .helpers import trained_model


async def test_admin_sees_archives_and_deletes_any_model(client, token_factory, admin_token):
    alice, bob, admin = (
        bearer(token_factory.user("alice")),
        bearer(token_factory.user("bob")),
        bearer(admin_token),
    )
    await trained_model(client, alice, name="alpha")
    await client.post("/ml/models/alpha/deployments", json={"version": 1}, headers=alice)
    await trained_model(client, bob, name="beta")
    assert (await client.get("/admin/models", headers=alice)).status_code == 403
    listed = (await client.get("/admin/models", headers=admin)).json()
    assert listed["total"] == 2
    by_name = {item["model"]["name"]: item for item in listed["items"]}
    assert by_name["alpha"]["model"]["owner_id"] == "alice" and len(by_name["alpha"]["deployments"]) == 1
    assert by_name["beta"]["deployments"] == []
    only_bob = (await client.get("/admin/models?owner_id=bob", headers=admin)).json()
    assert [i["model"]["name"] for i in only_bob["items"]] == ["beta"]
    alpha_id = by_name["alpha"]["model"]["id"]
    archived = (await client.post(f"/admin/models/{alpha_id}/archive", headers=admin)).json()
    assert archived["status"] == "archived" and archived["aliases"] == {}
    deployments = (await client.get("/ml/models/alpha/deployments", headers=alice)).json()
    assert [d["status"] for d in deployments] == ["inactive"]
    predict = await client.post("/ml/models/alpha/predict", json={"symbol": "AAA"}, headers=alice)
    assert predict.status_code == 422
    assert (await client.get("/ml/models?status=archived", headers=alice)).json()["total"] == 1
    beta_id = by_name["beta"]["model"]["id"]
    assert (await client.delete(f"/admin/models/{beta_id}", headers=bob)).status_code == 403
    assert (await client.delete(f"/admin/models/{beta_id}", headers=admin)).status_code == 204
    assert (await client.get("/ml/models/beta", headers=bob)).status_code == 404
    assert (await client.delete(f"/admin/models/{beta_id}", headers=admin)).status_code == 404
    assert (await client.delete("/ml/models/alpha", headers=alice)).status_code == 204
    assert (await client.get("/admin/models", headers=admin)).json()["total"] == 0
