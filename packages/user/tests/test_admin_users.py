"""Admin users: search and pages, roles, deactivation guards, deletion with the UserDeleted event."""

import asyncio

from quant_shared.testing import bearer
from quant_user.models.watchlist import Watchlist

from .conftest import signup


async def test_list_search_and_paginate(client, token_factory):
    admin = bearer(token_factory.admin())
    for name in ("Ann", "Ben", "Cid"):
        await signup(client, f"{name.lower()}@example.com", name=name)
    page = (await client.get("/admin/users?limit=2&offset=1", headers=admin)).json()
    assert page["total"] == 3 and [u["email"] for u in page["items"]] == [
        "ben@example.com",
        "cid@example.com",
    ]
    found = (await client.get("/admin/users?q=BE", headers=admin)).json()
    assert [u["display_name"] for u in found["items"]] == ["Ben"]
    assert (await client.get("/admin/users?q=.*", headers=admin)).json()["total"] == 0  # no regex injection
    assert (await client.get("/admin/users?role=admin", headers=admin)).json()["total"] == 0
    bad = await client.get("/admin/users?role=root", headers=admin)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.role"
    assert (await client.get("/admin/users/0123456789abcdef01234567", headers=admin)).status_code == 404


async def test_admins_cannot_lock_themselves_or_the_last_admin_out(client):
    owner = await signup(client, "owner@example.com")
    helper = await signup(client, "helper@example.com")
    from quant_user.services.first_admin import ensure_admin

    await ensure_admin("owner@example.com", "irrelevant-password")
    await ensure_admin("helper@example.com", "irrelevant-password")
    from .conftest import login

    token = bearer((await login(client, "owner@example.com"))["access_token"])
    me = await client.post(f"/admin/users/{owner['id']}/deactivate", headers=token)
    assert me.status_code == 409
    demote = await client.put(f"/admin/users/{helper['id']}/roles", json={"roles": ["user"]}, headers=token)
    assert demote.status_code == 200 and demote.json()["roles"] == ["user"]
    assert (await client.delete(f"/admin/users/{owner['id']}", headers=token)).status_code == 409


async def test_delete_removes_data_and_publishes_user_deleted(app, client, token_factory):
    admin_id = "admin-1"
    admin = bearer(token_factory.admin(admin_id))
    victim = await signup(client, "gone@example.com")
    await client.post("/watchlists", json={"name": "w"}, headers=victim["headers"])
    await client.put("/dashboard/layout", json={"sections": ["data_quality"]}, headers=victim["headers"])
    received = []

    async def handler(event):
        received.append(event)

    app.state.event_bus.subscribe("UserDeleted", "test", handler)
    assert (await client.delete(f"/admin/users/{victim['id']}", headers=victim["headers"])).status_code == 403
    assert (await client.delete(f"/admin/users/{victim['id']}", headers=admin)).status_code == 204
    await asyncio.sleep(0.05)
    assert [(e.type, e.producer, e.payload["user_id"], e.payload["deleted_by"]) for e in received] == [
        ("UserDeleted", "user", victim["id"], admin_id)
    ]
    assert await Watchlist.find(Watchlist.owner_id == victim["id"]).count() == 0
    assert (await client.get(f"/admin/users/{victim['id']}", headers=admin)).status_code == 404
    assert (
        await client.post("/auth/refresh", json={"refresh_token": victim["refresh_token"]})
    ).status_code == 401
    assert (await client.delete(f"/admin/users/{victim['id']}", headers=admin)).status_code == 404
