"""Task inputs: the codec gives back exactly what went in; the GridFS store saves, loads, replaces,
deletes (now or soon) and sweeps, against the real database."""

import asyncio
import random
import struct
from array import array

import numpy as np
import pytest
from gridfs import AsyncGridFSBucket

from quant_shared.tasks import Task, TaskCancelled
from quant_shared.workers import input_codec
from quant_shared.workers.input_cache import InputCache, digest
from quant_shared.workers.inputs import TaskInputStore


def test_codec_round_trip_keeps_values_and_types():
    rng = random.Random(3)
    payload = {
        "bars": {
            "timestamp": list(range(0, 6_000_000, 60_000)),
            "close": [rng.uniform(1, 200) for _ in range(100)],
            "mixed": [1, 2.5] * 40,  # ints in a float column come back as floats
            "huge": [2**70] * 70,  # does not fit int64: stays JSON
            "text": ["a"] * 100,
            "gaps": [1.0, None] * 50,
            "flags": [True, False] * 50,
        },
        "short": [1, 2],
        "nothing": None,
    }
    back = input_codec.decode(input_codec.encode(payload))
    assert back["bars"]["mixed"] == [float(v) for v in payload["bars"]["mixed"]]
    assert all(isinstance(v, float) for v in back["bars"]["mixed"])
    payload["bars"]["mixed"] = back["bars"]["mixed"]
    assert back == payload
    assert all(type(v) is int for v in back["bars"]["timestamp"])
    assert back["bars"]["flags"][0] is True
    packed = input_codec.decode(input_codec.encode(payload), arrays=True)["bars"]
    assert isinstance(packed["close"], array) and packed["close"].typecode == "d"
    assert (
        packed["timestamp"].typecode == "q" and packed["timestamp"].tolist() == payload["bars"]["timestamp"]
    )
    assert packed["close"].tolist() == payload["bars"]["close"] and packed["text"] == payload["bars"]["text"]


def test_codec_compresses_decimal_columns_and_keeps_every_double():
    rng = random.Random(3)
    prices = [round(100 + rng.gauss(0, 5), 4) for _ in range(20_000)]
    awkward = [0.1 + 0.2, 1 / 3, float("inf"), -0.0] * 25
    stamps = [1_700_000_000_000 + 60_000 * i for i in range(20_000)]
    data = input_codec.encode({"close": prices, "odd": awkward, "timestamp": stamps})
    assert len(data) < 20_000 * 8 * 2 / 3  # the raw arrays are 320,000 bytes
    back = input_codec.decode(data)
    assert back["close"] == prices and back["timestamp"] == stamps
    assert [struct.pack("<d", v) for v in back["odd"]] == [struct.pack("<d", v) for v in awkward]


async def test_store_saves_loads_replaces_and_sweeps(tasks_db):
    store = TaskInputStore(lambda: Task.get_pymongo_collection().database, bucket="test_inputs")
    await store.save("a", {"bars": {"close": [1.0] * 1000}})
    await store.save("a", {"bars": {"close": [2.0] * 1000}})  # replaces
    assert (await store.load("a"))["bars"]["close"] == [2.0] * 1000
    packed = TaskInputStore(lambda: Task.get_pymongo_collection().database, bucket="test_inputs", arrays=True)
    assert (await packed.load("a"))["bars"]["close"] == array("d", [2.0] * 1000)
    await store.save("b", {"v": 1})
    await store.save("c", {"v": 2})
    store.delete_soon("b")
    await asyncio.sleep(0.5)
    with pytest.raises(TaskCancelled):
        await store.load("b")
    assert await store.sweep(lambda key: _async(key == "a")) == 1  # "c" is no longer needed
    assert (await store.load("a"))["bars"]["close"][0] == 2.0
    with pytest.raises(TaskCancelled):
        await store.load("c")
    await store.delete("a")
    with pytest.raises(TaskCancelled):
        await store.load("a")


async def _async(value: bool) -> bool:
    return value


def test_input_cache_keeps_the_recently_used_within_its_bound():
    cache = InputCache(limit_bytes=10)
    cache.put("a", b"1234")
    cache.put("b", b"5678")
    assert cache.get("a") == b"1234"  # "a" is now the most recently used
    cache.put("c", b"90ab")  # 12 bytes: the least recently used ("b") goes
    assert cache.get("b") is None and cache.get("a") == b"1234" and cache.get("c") == b"90ab"
    cache.put("huge", b"x" * 11)  # bigger than the cache: not kept, nothing evicted
    assert cache.get("huge") is None and len(cache) == 2 and cache.size == 8
    assert cache.get(None) is None


async def test_store_serves_known_bytes_from_the_cache_and_still_sees_deletions(tasks_db):
    database = Task.get_pymongo_collection().database
    store = TaskInputStore(lambda: database, bucket="cached_inputs")
    await store.save("mine", {"close": [1.5] * 1000})  # saved here: cached at once
    other = input_codec.encode({"close": [2.5] * 1000})  # saved by another process: not cached yet
    bucket = AsyncGridFSBucket(database, bucket_name="cached_inputs")
    await bucket.upload_from_stream("theirs", other, metadata={"sha256": digest(other)})
    assert (await store.load("theirs"))["close"][0] == 2.5  # read from the database, then cached
    await database["cached_inputs.chunks"].delete_many({})  # the content is gone from the database
    assert (await store.load("mine"))["close"] == [1.5] * 1000
    assert (await store.load("theirs"))["close"] == [2.5] * 1000
    await store.delete("mine")
    with pytest.raises(TaskCancelled):  # a deleted input is gone, cached or not
        await store.load("mine")


async def test_store_reads_inputs_larger_than_a_database_reply(tasks_db):
    """About 54 MB of doubles that barely compress: one reply with every remaining chunk would pass the 48 MB
    limit."""
    database = Task.get_pymongo_collection().database
    values = array("d")
    values.frombytes(np.random.default_rng(1).random(8_000_000).tobytes())
    big = input_codec.encode({"close": values})
    assert len(big) > 48_000_000
    bucket = AsyncGridFSBucket(database, bucket_name="big_inputs")
    await bucket.upload_from_stream("big", big)  # no SHA-256: never served from a cache
    store = TaskInputStore(lambda: database, bucket="big_inputs", arrays=True)
    loaded = await store.load("big")
    assert len(loaded["close"]) == len(values) and loaded["close"][-1] == values[-1]
    await database["big_inputs.chunks"].delete_many({"n": {"$gte": 100}})  # a deletion under way
    with pytest.raises(TaskCancelled):
        await store.load("big")
    await store.delete("big")
