"""Personal API keys: shown once, stored hashed, listed by prefix, revoked, exchanged for access tokens."""

import jwt

from quant_shared.testing import bearer
from quant_user.models.api_key import ApiKey
from quant_user.security.opaque_tokens import digest

from .conftest import signup


async def test_create_list_exchange_and_revoke(client):
    user = await signup(client, "ada@example.com")
    created = await client.post(
        "/auth/api-keys", json={"name": "ci", "expires_in_days": 30}, headers=user["headers"]
    )
    assert created.status_code == 201
    body = created.json()
    key, prefix = body["key"], body["prefix"]
    assert key.startswith(f"qk_{prefix}_") and len(prefix) == 8
    stored = await ApiKey.find_one(ApiKey.prefix == prefix)
    assert stored.key_digest == digest(key) and key not in stored.model_dump_json()
    listed = (await client.get("/auth/api-keys", headers=user["headers"])).json()
    assert [k["prefix"] for k in listed] == [prefix] and "key" not in listed[0]
    assert (await client.get(f"/auth/api-keys?prefix={prefix}", headers=user["headers"])).json()[0][
        "name"
    ] == "ci"
    assert (await client.get("/auth/api-keys?prefix=00000000", headers=user["headers"])).json() == []

    token = (await client.post("/auth/token/api-key", json={"api_key": key})).json()
    claims = jwt.decode(token["access_token"], options={"verify_signature": False})
    assert claims["sub"] == user["id"] and "refresh_token" not in token
    me = await client.get("/auth/me", headers=bearer(token["access_token"]))
    assert me.json()["email"] == "ada@example.com"
    tampered = key[:-2] + ("AA" if not key.endswith("AA") else "BB")
    assert (await client.post("/auth/token/api-key", json={"api_key": tampered})).status_code == 401

    assert (await client.delete(f"/auth/api-keys/{body['id']}", headers=user["headers"])).status_code == 204
    revoked = await client.post("/auth/token/api-key", json={"api_key": key})
    assert revoked.status_code == 401 and "revoked" in revoked.json()["detail"]


async def test_other_users_cannot_revoke_my_key(client):
    ada, bob = await signup(client, "ada2@example.com"), await signup(client, "bob2@example.com")
    kid = (await client.post("/auth/api-keys", json={"name": "x"}, headers=ada["headers"])).json()["id"]
    assert (await client.delete(f"/auth/api-keys/{kid}", headers=bob["headers"])).status_code == 404
    assert (await client.get("/auth/api-keys", headers=bob["headers"])).json() == []
    assert (await client.delete("/auth/api-keys/zzz", headers=ada["headers"])).status_code == 404
