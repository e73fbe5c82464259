"""Problem+json for bad input and auth failures; request ids."""

from quant_shared.enums import Role
from quant_shared.testing import TokenFactory, bearer


async def test_validation_error_names_each_field(client, user_token):
    resp = await client.post("/widgets", json={"name": "", "size": 1000}, headers=bearer(user_token))
    assert resp.status_code == 422
    assert resp.headers["content-type"].startswith("application/problem+json")
    fields = {e["field"] for e in resp.json()["errors"]}
    assert fields == {"body.name", "body.size"}


async def test_unknown_field_is_refused(client, user_token):
    resp = await client.post(
        "/widgets", json={"name": "a", "size": 1, "color": "red"}, headers=bearer(user_token)
    )
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "body.color"


async def test_missing_and_bad_tokens_are_401(client, token_factory):
    assert (await client.get("/widgets")).status_code == 401
    resp = await client.get("/widgets", headers=bearer("not-a-jwt"))
    assert resp.status_code == 401 and resp.json()["title"] == "Unauthorized"
    expired = token_factory.mint(ttl=-10)
    assert (await client.get("/widgets", headers=bearer(expired))).status_code == 401
    foreign = TokenFactory().admin()  # signed with another key
    assert (await client.get("/widgets", headers=bearer(foreign))).status_code == 401


async def test_tampered_role_is_refused(client, user_token):
    header, payload, sig = user_token.split(".")
    import base64
    import json

    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["roles"] = [Role.ADMIN.value]
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    resp = await client.delete("/widgets/admin/all", headers=bearer(f"{header}.{forged}.{sig}"))
    assert resp.status_code == 401


async def test_user_token_on_admin_route_is_403(client, user_token, admin_token):
    resp = await client.delete("/widgets/admin/all", headers=bearer(user_token))
    assert resp.status_code == 403 and resp.json()["status"] == 403
    assert (await client.delete("/widgets/admin/all", headers=bearer(admin_token))).status_code == 204


async def test_other_users_data_is_not_found(client, token_factory):
    a, b = token_factory.user("alice"), token_factory.user("bob")
    wid = (await client.post("/widgets", json={"name": "mine", "size": 1}, headers=bearer(a))).json()["id"]
    assert (await client.get(f"/widgets/{wid}", headers=bearer(a))).status_code == 200
    assert (await client.get(f"/widgets/{wid}", headers=bearer(b))).status_code == 404
    assert (await client.get("/widgets/not-an-id", headers=bearer(a))).status_code == 422


async def test_request_id_is_echoed_or_created(client):
    resp = await client.get("/health", headers={"X-Request-ID": "abc-123"})
    assert resp.headers["x-request-id"] == "abc-123"
    created = (await client.get("/health")).headers["x-request-id"]
    assert len(created) == 32


async def test_unknown_route_is_a_404_problem(client):
    resp = await client.get("/nope")
    assert resp.status_code == 404 and resp.headers["content-type"].startswith("application/problem+json")
