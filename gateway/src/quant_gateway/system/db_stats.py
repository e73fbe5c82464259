"""Per-domain database statistics: dbStats / collStats where the server supports them, counts always."""

from pymongo import AsyncMongoClient
from pymongo.errors import OperationFailure

from quant_gateway.system.schemas import CollectionStats, DatabaseStats
from quant_shared.settings import Settings


def _int(value) -> int | None:
    return int(value) if isinstance(value, int | float) else None


async def collection_stats(db, name: str) -> CollectionStats:
    count = await db[name].count_documents({})
    try:
        stats = await db.command("collStats", name)
    except OperationFailure:
        return CollectionStats(name=name, count=count)
    return CollectionStats(
        name=name,
        count=count,
        size_bytes=_int(stats.get("size")),
        storage_bytes=_int(stats.get("storageSize")),
        indexes=_int(stats.get("nindexes")),
    )


async def database_stats(client: AsyncMongoClient, settings: Settings, domain: str) -> DatabaseStats:
    name = settings.database_name(domain)
    db = client[name]
    names = sorted(n for n in await db.list_collection_names() if not n.startswith("system."))
    collections = [await collection_stats(db, n) for n in names]
    try:
        stats = await db.command("dbStats")
    except OperationFailure:
        stats = {}
    return DatabaseStats(
        domain=domain,
        database=name,
        collections=collections,
        objects=sum(c.count for c in collections),
        size_bytes=_int(stats.get("dataSize")),
        storage_bytes=_int(stats.get("storageSize")),
    )
