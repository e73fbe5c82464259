"""Index creation that works on MongoDB and FerretDB alike.

FerretDB 1.x drops the connection when one ``createIndexes`` command names an index that already
exists next to others, so Beanie's own index step is skipped and each index is created on its own.
Only missing ones are created: the collection's indexes are listed once, and an index whose name is
there already is left alone (a start on an existing database creates nothing).
"""

from typing import Any

from beanie import Document
from pymongo import ASCENDING, IndexModel


def _as_index_model(spec: Any) -> IndexModel:
    spec = getattr(spec, "index", spec)  # Beanie wraps declared indexes in IndexModelField
    if isinstance(spec, IndexModel):
        return spec
    if isinstance(spec, str):
        return IndexModel([(spec, ASCENDING)])
    if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[0], str):
        return IndexModel([spec])
    return IndexModel(list(spec))


def declared_indexes(model: type[Document]) -> list[IndexModel]:
    """Indexes from ``Settings.indexes`` and from ``Indexed(...)`` field annotations."""
    indexes = [_as_index_model(spec) for spec in (model.get_settings().indexes or [])]
    for name, field in model.model_fields.items():
        indexed = getattr(field.annotation, "_indexed", None)
        if indexed:
            index_type, kwargs = indexed
            alias = field.alias or name
            indexes.append(IndexModel([(alias, index_type)], **kwargs))
    return indexes


async def ensure_indexes(model: type[Document]) -> None:
    collection = model.get_pymongo_collection()
    existing = {index["name"] async for index in await collection.list_indexes()}
    for index in declared_indexes(model):
        if index.document["name"] not in existing:
            await collection.create_indexes([index])
