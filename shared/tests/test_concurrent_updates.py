"""Concurrent updates of one document lose nothing on the embedded database.

Stock FerretDB v1 (SQLite) reads a document, applies the update and writes the whole document back
without holding anything in between, so two updates at once could lose one. The embedded build
serializes the updates of a collection (``quant_shared/embedded/ferretdb_serial_updates.go``);
these tests fail on the stock build (e.g. 90 of 200 pushed values lost).
"""

import asyncio

import pytest
from pymongo import AsyncMongoClient, ReturnDocument
from pymongo.errors import DuplicateKeyError

ROUNDS = 5
WRITERS = 16


@pytest.fixture
async def coll(mongo_url, db_prefix):
    client = AsyncMongoClient(mongo_url, maxPoolSize=WRITERS + 4)
    collection = client[f"{db_prefix}_races"]["docs"]
    try:
        yield collection
    finally:
        await client.drop_database(f"{db_prefix}_races")
        await client.close()


async def test_concurrent_pushes_and_a_pull_keep_every_write(coll):
    for round_ in range(ROUNDS):
        await coll.insert_one({"_id": round_, "items": ["seed"]})
        pushes = [coll.update_one({"_id": round_}, {"$push": {"items": n}}) for n in range(WRITERS)]
        pull = coll.update_one({"_id": round_}, {"$pull": {"items": "seed"}})
        await asyncio.gather(*pushes, pull)
        doc = await coll.find_one({"_id": round_})
        expected = sorted(range(WRITERS), key=str)
        assert sorted(doc["items"], key=str) == expected, f"round {round_}: {doc['items']}"


async def test_concurrent_increments_all_count(coll):
    await coll.insert_one({"_id": "counter", "n": 0})
    for _ in range(ROUNDS):
        increments = [coll.update_one({"_id": "counter"}, {"$inc": {"n": 1}}) for _ in range(WRITERS)]
        await asyncio.gather(*increments)
    assert (await coll.find_one({"_id": "counter"}))["n"] == ROUNDS * WRITERS


async def test_concurrent_upserts_make_one_document(coll):
    async def upsert() -> None:
        await coll.update_one({"_id": "made"}, {"$inc": {"n": 1}}, upsert=True)

    await asyncio.gather(*(upsert() for _ in range(WRITERS)))  # no duplicate-key error either
    assert (await coll.find_one({"_id": "made"}))["n"] == WRITERS


async def test_find_and_modify_hands_a_document_to_one_caller(coll):
    for round_ in range(ROUNDS):
        await coll.insert_one({"_id": f"job{round_}", "state": "open"})

        async def claim(worker: int, job: str = f"job{round_}"):
            return await coll.find_one_and_update(
                {"_id": job, "state": "open"},
                {"$set": {"state": "taken", "by": worker}},
                return_document=ReturnDocument.AFTER,
            )

        won = [doc for doc in await asyncio.gather(*(claim(w) for w in range(WRITERS))) if doc]
        assert len(won) == 1, f"round {round_}: taken by {[doc['by'] for doc in won]}"
        assert (await coll.find_one({"_id": f"job{round_}"}))["by"] == won[0]["by"]


async def test_unique_insert_still_rejects_the_second(coll):
    await coll.insert_one({"_id": "once"})
    with pytest.raises(DuplicateKeyError):
        await coll.insert_one({"_id": "once"})
