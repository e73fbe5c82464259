"""Register, log in (OAuth2 form), me, refresh rotation, logout, password and profile changes."""

import asyncio

from quant_shared.testing import bearer

from .conftest import PASSWORD, login, signup


async def test_register_normalizes_email_and_hides_the_hash(client):
    resp = await client.post(
        "/auth/register", json={"email": "  Ada@Example.COM ", "password": PASSWORD, "display_name": " Ada "}
    )
    assert resp.status_code == 201
    body = resp.json()
    assert body["email"] == "ada@example.com" and body["display_name"] == "Ada"
    assert body["roles"] == ["user"] and body["is_active"] is True and "password_hash" not in body
    again = await client.post(
        "/auth/register", json={"email": "ADA@example.com", "password": PASSWORD, "display_name": "x"}
    )
    assert again.status_code == 409


async def test_register_names_bad_fields(client):
    resp = await client.post(
        "/auth/register", json={"email": "nope", "password": "short", "display_name": ""}
    )
    assert resp.status_code == 422
    assert {e["field"] for e in resp.json()["errors"]} == {"body.email", "body.password", "body.display_name"}


async def test_login_me_and_wrong_password(client):
    await signup(client, "bob@example.com", name="Bob")
    tokens = await login(client, "BOB@example.com")
    assert tokens["token_type"] == "bearer" and tokens["expires_in"] == 300
    me = (await client.get("/auth/me", headers=bearer(tokens["access_token"]))).json()
    assert me["email"] == "bob@example.com" and me["display_name"] == "Bob" and me["last_login_at"]
    bad = await client.post("/auth/token", data={"username": "bob@example.com", "password": "wrong password"})
    assert bad.status_code == 401 and bad.headers["www-authenticate"] == "Bearer"
    unknown = await client.post("/auth/token", data={"username": "nobody@example.com", "password": PASSWORD})
    assert unknown.status_code == 401
    assert (await client.get("/auth/me")).status_code == 401


async def test_refresh_rotates_and_reuse_revokes_the_family(client):
    first = await signup(client, "carol@example.com")
    second = (await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})).json()
    assert second["refresh_token"] != first["refresh_token"]
    me = await client.get("/auth/me", headers=bearer(second["access_token"]))
    assert me.json()["email"] == "carol@example.com"
    # the used token is replayed: refused, and the token rotated from it dies with it
    replay = await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert replay.status_code == 401
    assert (
        await client.post("/auth/refresh", json={"refresh_token": second["refresh_token"]})
    ).status_code == 401
    garbage = await client.post("/auth/refresh", json={"refresh_token": "rt_not-a-real-token"})
    assert garbage.status_code == 401


async def test_a_refresh_token_sent_several_times_at_once_is_used_once(client):
    pair = await signup(client, "dora@example.com")
    sent = [client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]}) for _ in range(10)]
    statuses = sorted(resp.status_code for resp in await asyncio.gather(*sent))
    assert statuses == [200] + [401] * 9  # one rotation; the replays revoke its family


async def test_logout_revokes_the_refresh_token(client):
    pair = await signup(client, "dan@example.com")
    other_session = await login(client, "dan@example.com")
    resp = await client.post(
        "/auth/logout", json={"refresh_token": pair["refresh_token"]}, headers=pair["headers"]
    )
    assert resp.status_code == 204
    assert (
        await client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    ).status_code == 401
    kept = await client.post("/auth/refresh", json={"refresh_token": other_session["refresh_token"]})
    assert kept.status_code == 200
    no_token = await client.post("/auth/logout", json={"refresh_token": pair["refresh_token"]})
    assert no_token.status_code == 401


async def test_password_change_revokes_sessions_and_swaps_the_password(client):
    pair = await signup(client, "eve@example.com")
    wrong = await client.post(
        "/auth/password",
        json={"current_password": "nope", "new_password": "a new long password"},
        headers=pair["headers"],
    )
    assert wrong.status_code == 403
    ok = await client.post(
        "/auth/password",
        json={"current_password": PASSWORD, "new_password": "a new long password"},
        headers=pair["headers"],
    )
    assert ok.status_code == 204
    assert (
        await client.post("/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    ).status_code == 401
    old = await client.post("/auth/token", data={"username": "eve@example.com", "password": PASSWORD})
    assert old.status_code == 401
    assert (await login(client, "eve@example.com", "a new long password"))["access_token"]


async def test_profile_update(client):
    pair = await signup(client, "fay@example.com", name="Fay")
    resp = await client.patch("/auth/me", json={"display_name": "Fay L."}, headers=pair["headers"])
    assert resp.status_code == 200 and resp.json()["display_name"] == "Fay L."
    extra = await client.patch(
        "/auth/me", json={"display_name": "x", "roles": ["admin"]}, headers=pair["headers"]
    )
    assert extra.status_code == 422 and extra.json()["errors"][0]["field"] == "body.roles"
