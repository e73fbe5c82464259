"""Watchlists: symbols checked with market data, ownership, limits, ordering, items."""

from quant_shared.testing import bearer

from .conftest import signup


async def test_create_with_known_symbols_and_refuse_an_unknown_one(client, contract):
    user = await signup(client, "ada@example.com")
    resp = await client.post(
        "/watchlists",
        json={"name": "Tech", "items": [{"symbol": "aapl", "note": "core"}, {"symbol": "MSFT"}]},
        headers=user["headers"],
    )
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert [i["symbol"] for i in body["items"]] == ["AAPL", "MSFT"] and body["items"][0]["note"] == "core"
    assert contract.calls.count("instruments") == 2
    bad = await client.post(
        "/watchlists",
        json={"name": "Bad", "items": [{"symbol": "AAPL"}, {"symbol": "NOPE"}]},
        headers=user["headers"],
    )
    assert bad.status_code == 422
    assert bad.json()["errors"] == [{"field": "body.items.1.symbol", "message": "unknown symbol 'NOPE'"}]
    add = await client.post(
        f"/watchlists/{body['id']}/items", json={"symbol": "NOPE"}, headers=user["headers"]
    )
    assert add.status_code == 422 and add.json()["errors"][0]["field"] == "body.symbol"
    names = [w["name"] for w in (await client.get("/watchlists", headers=user["headers"])).json()]
    assert names == ["Tech"]  # nothing partially written


async def test_other_users_get_404(client):
    alice, bob = await signup(client, "alice@example.com"), await signup(client, "bob@example.com")
    wid = (await client.post("/watchlists", json={"name": "A"}, headers=alice["headers"])).json()["id"]
    for method, path, body in (
        ("GET", f"/watchlists/{wid}", None),
        ("PATCH", f"/watchlists/{wid}", {"name": "stolen"}),
        ("DELETE", f"/watchlists/{wid}", None),
        ("POST", f"/watchlists/{wid}/items", {"symbol": "AAPL"}),
    ):
        resp = await client.request(method, path, json=body, headers=bob["headers"])
        assert resp.status_code == 404, (method, path)
    assert (await client.get("/watchlists", headers=bob["headers"])).json() == []
    assert (await client.get(f"/watchlists/{wid}", headers=alice["headers"])).json()["name"] == "A"
    assert (await client.get("/watchlists/not-an-id", headers=alice["headers"])).status_code == 404


async def test_limits_duplicates_and_names(client, token_factory):
    user = bearer(token_factory.user("limits-user"))
    for name in ("one", "two", "three"):
        assert (await client.post("/watchlists", json={"name": name}, headers=user)).status_code == 201
    assert (await client.post("/watchlists", json={"name": "one"}, headers=user)).status_code == 409
    over = await client.post("/watchlists", json={"name": "four"}, headers=user)
    assert over.status_code == 409 and "At most 3" in over.json()["detail"]
    wid = (await client.get("/watchlists", headers=user)).json()[0]["id"]
    twice = await client.post(f"/watchlists/{wid}/items", json={"symbol": "AAPL"}, headers=user)
    assert twice.status_code == 201
    assert (
        await client.post(f"/watchlists/{wid}/items", json={"symbol": "AAPL"}, headers=user)
    ).status_code == 409
    for symbol in ("MSFT", "SPY", "BTC-USD"):
        await client.post(f"/watchlists/{wid}/items", json={"symbol": symbol}, headers=user)
    full = await client.post(f"/watchlists/{wid}/items", json={"symbol": "MSFT2"}, headers=user)
    assert full.status_code == 422 and "at most 4" in full.json()["detail"]


async def test_ordering_notes_and_removal(client, token_factory):
    user = bearer(token_factory.user("order-user"))
    a = (await client.post("/watchlists", json={"name": "a"}, headers=user)).json()
    b = (
        await client.post(
            "/watchlists", json={"name": "b", "items": [{"symbol": "AAPL"}, {"symbol": "SPY"}]}, headers=user
        )
    ).json()
    assert [w["name"] for w in (await client.get("/watchlists", headers=user)).json()] == ["a", "b"]
    resp = await client.put("/watchlists/order", json={"ids": [b["id"], a["id"]]}, headers=user)
    assert [w["name"] for w in resp.json()] == ["b", "a"]
    assert [w["name"] for w in (await client.get("/watchlists", headers=user)).json()] == ["b", "a"]
    partial = await client.put("/watchlists/order", json={"ids": [b["id"]]}, headers=user)
    assert partial.status_code == 422 and partial.json()["errors"][0]["field"] == "body.ids"
    items = await client.put(
        f"/watchlists/{b['id']}/items/order", json={"symbols": ["spy", "aapl"]}, headers=user
    )
    assert [i["symbol"] for i in items.json()["items"]] == ["SPY", "AAPL"]
    noted = await client.patch(f"/watchlists/{b['id']}/items/aapl", json={"note": "earnings"}, headers=user)
    assert noted.json()["items"][1]["note"] == "earnings"
    removed = await client.delete(f"/watchlists/{b['id']}/items/SPY", headers=user)
    assert [i["symbol"] for i in removed.json()["items"]] == ["AAPL"]
    assert (await client.delete(f"/watchlists/{b['id']}/items/SPY", headers=user)).status_code == 404
    renamed = await client.patch(f"/watchlists/{a['id']}", json={"name": "renamed"}, headers=user)
    assert renamed.json()["name"] == "renamed"
    assert (await client.patch(f"/watchlists/{a['id']}", json={"name": "b"}, headers=user)).status_code == 409
    assert (await client.delete(f"/watchlists/{a['id']}", headers=user)).status_code == 204
    assert [w["name"] for w in (await client.get("/watchlists", headers=user)).json()] == ["b"]


async def test_market_data_down_is_503(client, contract, token_factory):
    user = bearer(token_factory.user("down-user"))
    contract.broken.add("instruments")
    resp = await client.post("/watchlists", json={"name": "x", "items": [{"symbol": "AAPL"}]}, headers=user)
    assert resp.status_code == 503 and resp.headers["content-type"].startswith("application/problem+json")
    assert (await client.get("/watchlists", headers=user)).json() == []
