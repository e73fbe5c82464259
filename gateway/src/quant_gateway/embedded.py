"""Embedded default: start FerretDB on the data folder unless ``QUANT_MONGODB_URL`` is set."""

from collections.abc import Iterator
from contextlib import contextmanager

from quant_shared.embedded import FerretDBServer
from quant_shared.settings import Settings


@contextmanager
def embedded_settings(settings: Settings) -> Iterator[Settings]:
    """Settings pointing at a running database; FerretDB is started (and stopped) when none is set."""
    data_dir = settings.data_dir.resolve()
    updates: dict = {"data_dir": data_dir}
    if settings.jwt_public_key is None and settings.jwt_public_key_file is None and not settings.jwt_jwks_url:
        updates["jwt_public_key_file"] = data_dir / "keys" / "jwt_public.pem"
    if settings.mongodb_url:
        yield settings.model_copy(update=updates)
        return
    server = FerretDBServer(data_dir / "ferretdb", port=settings.embedded_db_port).start()
    try:
        yield settings.model_copy(update={**updates, "mongodb_url": server.url})
    finally:
        server.stop()
