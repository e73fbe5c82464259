"""Access tokens: exact claims, JWKS, refusal of foreign/expired/tampered tokens, revocation."""

import asyncio
import base64
import json
import time

import jwt

from quant_shared.enums import Role
from quant_shared.testing import TokenFactory, bearer

from .conftest import PASSWORD, login, signup


async def test_access_token_claims_and_jwks(client, app):
    pair = await signup(client, "ada@example.com")
    jwks = (await client.get("/auth/jwks.json")).json()
    assert len(jwks["keys"]) == 1
    jwk = jwks["keys"][0]
    assert jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519" and jwk["alg"] == "EdDSA" and jwk["use"] == "sig"
    header = jwt.get_unverified_header(pair["access_token"])
    assert header["alg"] == "EdDSA" and header["kid"] == jwk["kid"]
    claims = jwt.decode(
        pair["access_token"],
        jwt.PyJWK(jwk).key,
        algorithms=["EdDSA"],
        audience="quant-platform",
        issuer="quant-platform",
    )
    assert set(claims) == {"sub", "roles", "email", "iat", "exp", "iss", "aud", "typ"}
    assert (
        claims["sub"] == pair["id"] and claims["roles"] == ["user"] and claims["email"] == "ada@example.com"
    )
    assert claims["typ"] == "access" and claims["exp"] - claims["iat"] == 300
    assert abs(claims["iat"] - time.time()) < 30


async def test_foreign_expired_and_tampered_tokens_are_refused(client, token_factory):
    pair = await signup(client, "bob@example.com")
    foreign = TokenFactory().mint(pair["id"], [Role.USER, Role.ADMIN])
    expired = token_factory.mint(pair["id"], ttl=-5)
    header, payload, sig = pair["access_token"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["roles"] = ["user", "admin"]
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    refresh_as_access = pair["refresh_token"]
    for token in (foreign, expired, f"{header}.{forged}.{sig}", refresh_as_access):
        for path in ("/auth/me", "/watchlists", "/admin/users"):
            resp = await client.get(path, headers=bearer(token))
            assert resp.status_code == 401, (path, resp.text)
    assert (await client.get("/auth/me", headers=pair["headers"])).status_code == 200


async def test_role_change_revokes_the_old_tokens(client, token_factory):
    pair = await signup(client, "carol@example.com")
    admin = bearer(token_factory.admin())
    assert (await client.get("/admin/users", headers=pair["headers"])).status_code == 403
    resp = await client.put(f"/admin/users/{pair['id']}/roles", json={"roles": ["admin"]}, headers=admin)
    assert resp.status_code == 200 and resp.json()["roles"] == ["user", "admin"]
    # the old access token (it says "user") is revoked at once (the event's delivery), the refresh token too
    for _ in range(50):
        if (await client.get("/admin/users", headers=pair["headers"])).status_code == 401:
            break
        await asyncio.sleep(0.05)
    assert (await client.get("/admin/users", headers=pair["headers"])).status_code == 401
    assert (
        await client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    ).status_code == 401
    await asyncio.sleep(1.0)  # token times are whole seconds: log in after the revocation's second
    fresh = await login(client, "carol@example.com")
    assert (await client.get("/admin/users", headers=bearer(fresh["access_token"]))).status_code == 200


async def test_deactivation_takes_effect_at_refresh_and_login(client, token_factory):
    pair = await signup(client, "dan@example.com")
    admin = bearer(token_factory.admin())
    key = (await client.post("/auth/api-keys", json={"name": "ci"}, headers=pair["headers"])).json()["key"]
    resp = await client.post(f"/admin/users/{pair['id']}/deactivate", headers=admin)
    assert resp.status_code == 200 and resp.json()["is_active"] is False
    assert (
        await client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    ).status_code == 401
    denied = await client.post("/auth/token", data={"username": "dan@example.com", "password": PASSWORD})
    assert denied.status_code == 401 and "deactivated" in denied.json()["detail"]
    assert (await client.post("/auth/token/api-key", json={"api_key": key})).status_code == 401
    await client.post(f"/admin/users/{pair['id']}/reactivate", headers=admin)
    assert (await login(client, "dan@example.com"))["access_token"]
