"""Deactivation, a role change and deletion stop the user's access tokens at once (not after they
expire): ``AccessRevoked`` / ``UserDeleted`` reach the token verifier of every process."""

import asyncio

from quant_shared.testing import bearer

from .conftest import login, signup


async def _refused(client, headers: dict) -> bool:
    for _ in range(50):  # the outbox is sent at once; allow the event's delivery
        resp = await client.get("/auth/me", headers=headers)
        if resp.status_code == 401:
            return "revoked" in resp.json()["detail"]
        await asyncio.sleep(0.05)
    return False


async def test_deactivation_and_role_change_revoke_access_tokens(client, token_factory):
    admin = bearer(token_factory.admin())
    bob = await signup(client, "bob@example.com")
    ann = await signup(client, "ann@example.com")
    assert (await client.get("/auth/me", headers=bob["headers"])).status_code == 200
    assert (await client.post(f"/admin/users/{bob['id']}/deactivate", headers=admin)).status_code == 200
    assert await _refused(client, bob["headers"])
    assert (await client.get("/auth/me", headers=ann["headers"])).status_code == 200  # others unaffected
    await client.post(f"/admin/users/{bob['id']}/reactivate", headers=admin)
    await asyncio.sleep(1.0)  # token times are whole seconds: a login in a later second
    fresh = bearer((await login(client, "bob@example.com"))["access_token"])
    assert (await client.get("/auth/me", headers=fresh)).status_code == 200
    roles = await client.put(
        f"/admin/users/{ann['id']}/roles", json={"roles": ["user", "admin"]}, headers=admin
    )
    assert roles.status_code == 200 and await _refused(client, ann["headers"])


async def test_deleted_users_tokens_stop_working(client, token_factory):
    admin = bearer(token_factory.admin())
    eve = await signup(client, "eve@example.com")
    assert (await client.delete(f"/admin/users/{eve['id']}", headers=admin)).status_code == 204
    assert await _refused(client, eve["headers"])
