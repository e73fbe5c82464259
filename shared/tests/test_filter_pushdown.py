"""Equality filters reach the embedded database's indexes, and answers stay MongoDB's.

The embedded build pushes top-level equalities on strings and ObjectIds down to SQLite
(``quant_shared/embedded/ferretdb_sqlite_pushdown.go``); stock FerretDB v1 decodes every document of
the collection for every query. ``explain`` names the index used; the answers below must be the same
as MongoDB's, including documents whose field is an array and strings the pushdown does not handle.
"""

import os

import pytest
from bson import ObjectId
from pymongo import AsyncMongoClient

from quant_shared.events.outbox import OUTBOX_FIELD, PENDING


@pytest.fixture
async def coll(mongo_url, db_prefix):
    client = AsyncMongoClient(mongo_url)
    collection = client[f"{db_prefix}_pushdown"]["docs"]
    await collection.create_index([("owner", 1), ("at", -1)])
    oid = ObjectId()
    docs = [{"owner": f"u{i % 5}", "at": i} for i in range(50)]
    docs += [
        {"owner": ["u1", "other"], "at": 100},
        {"owner": 'q"uote<&>', "at": 101},
        {"owner": "ü-nicode", "at": 102},
        {"owner": {"nested": "u1"}, "at": 103},
        {"owner": oid, "at": 104},
        {"at": 105},
    ]
    await collection.insert_many(docs)
    try:
        yield collection, oid
    finally:
        await client.drop_database(f"{db_prefix}_pushdown")
        await client.close()


async def ats(collection, query) -> list[int]:
    return sorted([d["at"] async for d in collection.find(query)])


async def test_equalities_match_as_on_mongodb(coll):
    collection, oid = coll
    assert await ats(collection, {"owner": "u1"}) == [1, 6, 11, 16, 21, 26, 31, 36, 41, 46, 100]
    assert await ats(collection, {"owner": {"$eq": "other"}}) == [100]
    assert len(await ats(collection, {"owner": {"$in": ["u2", "u3"]}})) == 20
    assert await ats(collection, {"owner": 'q"uote<&>'}) == [101]
    assert await ats(collection, {"owner": "ü-nicode"}) == [102]
    assert await ats(collection, {"owner": oid}) == [104]
    assert await ats(collection, {"owner": "u1", "at": {"$gt": 40}}) == [41, 46, 100]
    assert await ats(collection, {"owner": "nobody"}) == []
    assert await collection.count_documents({"owner": "u4"}) == 10
    first = await collection.find_one({"at": 7})
    assert (await collection.find_one({"_id": first["_id"]}))["at"] == 7


async def test_updates_and_deletes_use_the_same_filters(coll):
    collection, _ = coll
    result = await collection.update_many({"owner": "u2"}, {"$set": {"seen": True}})
    assert result.modified_count == 10
    assert (await collection.delete_many({"owner": {"$in": ["u3", "other"]}})).deleted_count == 11


async def test_explain_names_the_index(coll):
    collection, _ = coll
    if os.environ.get("QUANT_MONGODB_URL"):
        pytest.skip("the plan's shape is the embedded FerretDB's")
    plan = await collection.database.command(
        "explain", {"find": collection.name, "filter": {"owner": "u1"}}, verbosity="queryPlanner"
    )
    text = " ".join(plan["queryPlanner"]["Plan"])
    assert "USING INDEX" in text and "owner_1_at_-1" in text
    assert plan["filterPushdown"] is True


async def test_pending_outbox_form_skips_documents_with_nothing_pending(mongo_url, db_prefix):
    client = AsyncMongoClient(mongo_url)
    collection = client[f"{db_prefix}_pushdown"]["outbox"]
    try:
        await collection.create_index([(OUTBOX_FIELD, 1)])
        docs = [{"n": i, OUTBOX_FIELD: []} for i in range(40)]
        docs += [{"n": 40, OUTBOX_FIELD: [{"id": "e1"}]}, {"n": 41, OUTBOX_FIELD: [1, 2]}, {"n": 42}]
        docs += [{"n": 43, OUTBOX_FIELD: None}, {"n": 44, OUTBOX_FIELD: "text"}]
        await collection.insert_many(docs)
        assert sorted([d["n"] async for d in collection.find(PENDING)]) == [40, 41, 43, 44]
        if not os.environ.get("QUANT_MONGODB_URL"):
            plan = await collection.database.command(
                "explain", {"find": collection.name, "filter": PENDING}, verbosity="queryPlanner"
            )
            assert "USING INDEX" in " ".join(plan["queryPlanner"]["Plan"])
    finally:
        await client.drop_database(f"{db_prefix}_pushdown")
        await client.close()
