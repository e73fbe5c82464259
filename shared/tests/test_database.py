"""The shared package talks to a real FerretDB: writes, reads back through a new client, unique indexes."""

from pymongo import AsyncMongoClient

from quant_shared.testing import bearer


async def test_write_then_read_back_through_a_new_client(client, settings, user_token):
    resp = await client.post("/widgets", json={"name": "alpha", "size": 3}, headers=bearer(user_token))
    assert resp.status_code == 201, resp.text
    widget_id = resp.json()["id"]
    other = AsyncMongoClient(settings.mongodb_url, tz_aware=True)
    try:
        raw = await other[settings.database_name("sample")]["widgets"].find_one({"name": "alpha"})
    finally:
        await other.close()
    assert raw is not None and str(raw["_id"]) == widget_id and raw["size"] == 3
    assert raw["created_at"] == raw["updated_at"]
    assert raw["created_at"].tzinfo is not None


async def test_unique_index_violation_is_a_409_problem(client, user_token):
    first = await client.post("/widgets", json={"name": "dup", "size": 1}, headers=bearer(user_token))
    assert first.status_code == 201
    again = await client.post("/widgets", json={"name": "dup", "size": 2}, headers=bearer(user_token))
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")
    body = again.json()
    assert (
        body["status"] == 409
        and "already exists" in body["detail"].lower()
        or "duplicate" in body["detail"].lower()
    )
    listed = await client.get("/widgets", headers=bearer(user_token))
    assert listed.json()["total"] == 1


async def test_health_pings_the_database(client):
    resp = await client.get("/health")
    assert resp.status_code == 200
    body = resp.json()
    assert body["status"] == "ok" and body["database"]["status"] == "ok"
    assert body["domains"] == ["sample"]


async def test_pagination_pages_and_totals(client, user_token):
    for i in range(5):
        await client.post("/widgets", json={"name": f"w{i}", "size": i + 1}, headers=bearer(user_token))
    page = (await client.get("/widgets?limit=2&offset=2", headers=bearer(user_token))).json()
    assert page["total"] == 5 and page["limit"] == 2 and page["offset"] == 2
    assert [w["name"] for w in page["items"]] == ["w2", "w3"]
    for query, total, names in (
        ("limit=2&offset=4", 5, ["w4"]),  # a short page ends the list
        ("limit=10", 5, ["w0", "w1", "w2", "w3", "w4"]),
        ("limit=5", 5, ["w0", "w1", "w2", "w3", "w4"]),  # a full page: counted
        ("limit=2&offset=9", 5, []),  # past the end: counted
    ):
        page = (await client.get(f"/widgets?{query}", headers=bearer(user_token))).json()
        assert (page["total"], [w["name"] for w in page["items"]]) == (total, names), query
    bad = await client.get("/widgets?limit=0", headers=bearer(user_token))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.limit"
