"""``/admin/system`` (all-in-one mode): versions and health, database statistics, backup and restore."""

import gzip
from datetime import UTC, datetime

import pytest
from bson import Int64, ObjectId
from fastapi import APIRouter

from quant_gateway.app import create_app
from quant_shared.database import make_client
from quant_shared.domain import DomainSpec
from quant_shared.testing import bearer, running_app

ALPHA = DomainSpec(name="alpha", router=APIRouter(), version="3.2.1")
DOCS = [
    {
        "_id": ObjectId(),
        "name": "a",
        "at": datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=UTC),
        "n": Int64(2**40),
    },
    {"_id": ObjectId(), "name": "b", "price": 12.3456, "tags": ["x", "y"], "nested": {"k": 1.5, "i": 7}},
    {"_id": "text-id", "name": "c", "empty": None, "blob": b"\x00\x01\x02"},
]


@pytest.fixture
async def client(settings):
    async with running_app(create_app(settings, specs=[ALPHA])) as c:
        yield c


@pytest.fixture
async def seeded(settings):
    mongo = make_client(settings.mongodb_url)
    db = mongo[settings.database_name("alpha")]
    await db["items"].insert_many(DOCS)
    await db["notes"].insert_one({"_id": 1, "text": "keep me"})
    yield db
    await mongo.close()


async def test_every_admin_system_route_needs_the_admin_role(client, user_token):
    for method, path in [
        ("get", "/admin/system"),
        ("get", "/admin/system/databases"),
        ("post", "/admin/system/backups"),
    ]:
        assert (await client.request(method, path)).status_code == 401
        assert (await client.request(method, path, headers=bearer(user_token))).status_code == 403


async def test_overview_lists_each_domain_with_version_and_health(client, admin_token):
    body = (await client.get("/admin/system", headers=bearer(admin_token))).json()
    assert body["mode"] == "all-in-one" and body["status"] == "ok"
    assert [(s["name"], s["version"], s["status"]) for s in body["services"]] == [("alpha", "3.2.1", "ok")]


async def test_database_stats_count_each_collection(client, admin_token, seeded, settings):
    resp = await client.get("/admin/system/databases", headers=bearer(admin_token))
    assert resp.status_code == 200
    stats = {d["domain"]: d for d in resp.json()}
    alpha = stats["alpha"]
    assert alpha["database"] == settings.database_name("alpha")
    counts = {c["name"]: c["count"] for c in alpha["collections"]}
    assert counts == {"items": 3, "notes": 1} and alpha["objects"] == 4
    assert all(c["size_bytes"] > 0 and c["indexes"] >= 1 for c in alpha["collections"])  # collStats
    assert alpha["size_bytes"] > 0  # dbStats
    assert "system" in stats  # the shared task records


async def test_backup_then_restore_brings_back_every_document_with_its_types(
    client, admin_token, seeded, settings
):
    created = await client.post("/admin/system/backups", headers=bearer(admin_token))
    assert created.status_code == 201
    backup = created.json()
    assert backup["collections"]["alpha"] == {"items": 3, "notes": 1}
    archive = settings.data_dir / "backups" / backup["name"]
    assert archive.is_file() and archive.stat().st_size == backup["size_bytes"]
    with gzip.open(archive, "rt") as src:
        assert '"format": "quant-backup"' in src.readline()
    await seeded["items"].delete_many({"name": {"$in": ["a", "b"]}})
    await seeded["items"].update_one({"_id": "text-id"}, {"$set": {"name": "changed"}})
    await seeded["notes"].insert_one({"_id": 2, "text": "after the backup"})

    listed = (await client.get("/admin/system/backups", headers=bearer(admin_token))).json()
    assert [b["name"] for b in listed] == [backup["name"]]
    assert listed[0]["collections"]["alpha"] == {"items": 3, "notes": 1}
    restored = await client.post(
        f"/admin/system/backups/{backup['name']}/restore", headers=bearer(admin_token)
    )
    assert restored.status_code == 200
    assert restored.json()["restored"]["alpha"] == {"items": 3, "notes": 1}
    items = sorted([d async for d in seeded["items"].find({})], key=lambda d: d["name"])
    assert items == sorted(DOCS, key=lambda d: d["name"])
    assert [d async for d in seeded["notes"].find({})] == [{"_id": 1, "text": "keep me"}]


async def test_restore_rejects_bad_and_unknown_names(client, admin_token):
    bad = await client.post("/admin/system/backups/..%2Fetc%2Fpasswd/restore", headers=bearer(admin_token))
    assert bad.status_code in (404, 422)
    invalid = await client.post("/admin/system/backups/not-a-backup/restore", headers=bearer(admin_token))
    assert invalid.status_code == 422 and invalid.json()["errors"][0]["field"] == "path.name"
    missing = await client.post(
        "/admin/system/backups/backup-20260101T000000000000Z.jsonl.gz/restore", headers=bearer(admin_token)
    )
    assert missing.status_code == 404
