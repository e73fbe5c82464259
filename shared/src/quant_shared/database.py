"""Database initialization: Beanie 2 on PyMongo's async client, one database per domain."""

from collections.abc import Mapping, Sequence

from beanie import Document, init_beanie
from pymongo import AsyncMongoClient

from quant_shared.embedded.address import running_url
from quant_shared.indexes import ensure_indexes
from quant_shared.settings import Settings

DocumentsByDomain = Mapping[str, Sequence[type[Document]]]


def make_client(url: str, **kwargs) -> AsyncMongoClient:
    options = {"tz_aware": True, "uuidRepresentation": "standard", "serverSelectionTimeoutMS": 5000}
    options.update(kwargs)
    return AsyncMongoClient(url, **options)


def database_url(settings: Settings) -> str:
    """``QUANT_MONGODB_URL``, else the embedded FerretDB running on the data folder (``make run``)."""
    if settings.mongodb_url:
        return settings.mongodb_url
    data_dir = settings.data_dir.resolve()
    url = running_url(data_dir / "ferretdb")
    if url is None:
        raise RuntimeError(
            f"no database: QUANT_MONGODB_URL is not set and no embedded database runs on {data_dir} "
            "(start the platform with `make run`, or set QUANT_MONGODB_URL)"
        )
    return url


async def init_database(
    settings: Settings, documents: DocumentsByDomain, client: AsyncMongoClient | None = None
) -> AsyncMongoClient:
    """Bind every domain's documents to that domain's database and create their indexes."""
    if client is None:
        client = make_client(database_url(settings))
    for domain, models in documents.items():
        if models:
            database = client[settings.database_name(domain)]
            await init_beanie(database=database, document_models=list(models), skip_indexes=True)
            for model in models:
                await ensure_indexes(model)
    return client


async def ping(client: AsyncMongoClient) -> None:
    await client.admin.command("ping")
