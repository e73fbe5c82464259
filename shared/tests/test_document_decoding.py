"""Documents come back from the embedded database exactly as they were stored.

The embedded build decodes stored documents in one pass by their schema
(``quant_shared/embedded/ferretdb_sjson_*.go``) and falls back to FerretDB's own decoder for anything
it does not expect. Every BSON type the platform stores, nested in documents and arrays, with
keys and strings that need escaping, must round-trip unchanged; so must documents of one shape written
with different value types (the decoder keeps the schemas it has read).
"""

import datetime

from bson import Binary, CodecOptions, Int64, ObjectId, Regex, Timestamp, decode, encode
from pymongo import AsyncMongoClient

OPTIONS = CodecOptions(tz_aware=True)


def sample(i: int) -> dict:
    when = datetime.datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=datetime.UTC)
    inner = {"a": 1.5, "b": 'x\\y\n"q"\u00e9\u2028<>&', "empty": {}, "list": []}
    return {
        "_id": ObjectId(),
        "i": i,
        "double": 0.1 * i,
        "big": 1e300,
        "tiny": 5e-324,
        "int": -(2**31),
        "long": Int64(2**62 + i),
        "date": when,
        "before_1970": datetime.datetime(1960, 5, 6, tzinfo=datetime.UTC),
        "yes": True,
        "no": False,
        "none": None,
        "bytes": Binary(b"\x00\x01\xff" * i),
        "uuid_like": Binary(b"0123456789abcdef", 4),
        "regex": Regex("^a.*\\d$", "im"),
        "ts": Timestamp(1_700_000_000, i),
        "oid": ObjectId(),
        "text": "日本語 \t tab \u0001",
        "nested": inner,
        "array": [1, Int64(2), "s", inner, None, False, {"deeper": [1.0, 2.0]}],
        "deep": {"x": {"y": [{"z": [i]}]}},
        "key with spaces": "v",
        "\u00e9l\u00e8ve": "accented key",
        'q"uote': "escaped key",
        "back\\slash\ttab": "escaped key",
    }


async def test_every_type_round_trips(mongo_url, db_prefix):
    client = AsyncMongoClient(mongo_url, tz_aware=True)
    collection = client[f"{db_prefix}_decoding"]["docs"]
    try:
        docs = [sample(i) for i in range(1, 4)]
        # one shape, another value type per field: a cached schema must not be reused wrongly
        docs.append({"_id": ObjectId(), "i": 4, "double": 7, "int": "now a string", "nested": [1, 2]})
        await collection.insert_many(docs)
        expected = [decode(encode(doc), OPTIONS) for doc in docs]  # as the driver reads any BSON back
        assert await collection.find({}, sort=[("i", 1)]).to_list(None) == expected
        for doc in expected:
            assert await collection.find_one({"_id": doc["_id"]}) == doc
    finally:
        await client.drop_database(f"{db_prefix}_decoding")
        await client.close()
