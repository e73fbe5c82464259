"""Database initialization: Beanie 2 on PyMongo's async client, one database per domain."""

from collections.abc import Mapping, Sequence

from beanie import Document, init_beanie
from pymongo import AsyncMongoClient

from quant_shared.indexes import ensure_indexes
from quant_shared.settings import Settings

DocumentsByDomain = Mapping[str, Sequence[type[Document]]]


def make_client(url: str, **kwargs) -> AsyncMongoClient:
    options = {"tz_aware": True, "uuidRepresentation": "standard", "serverSelectionTimeoutMS": 5000}
    options.update(kwargs)
    return AsyncMongoClient(url, **options)


async def init_database(
    settings: Settings, documents: DocumentsByDomain, client: AsyncMongoClient | None = None
) -> AsyncMongoClient:
    """Bind every domain's documents to that domain's database and create their indexes."""
    if client is None:
        if not settings.mongodb_url:
            raise RuntimeError("QUANT_MONGODB_URL is not set and no embedded database was started")
        client = make_client(settings.mongodb_url)
    for domain, models in documents.items():
        if models:
            database = client[settings.database_name(domain)]
            await init_beanie(database=database, document_models=list(models), skip_indexes=True)
            for model in models:
                await ensure_indexes(model)
    return client


async def ping(client: AsyncMongoClient) -> None:
    await client.admin.command("ping")
