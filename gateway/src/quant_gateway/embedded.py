"""Embedded default: start FerretDB on the data folder unless ``QUANT_MONGODB_URL`` is set."""

from collections.abc import Iterator
from contextlib import contextmanager

from quant_shared.embedded import FerretDBServer
from quant_shared.settings import Settings

PORT_VARIABLE = "QUANT_EMBEDDED_DB_PORT"


class EmbeddedDatabase:
    """``with EmbeddedDatabase(settings) as db``: ``db.settings`` point at a database; FerretDB is started
    (not yet waited for: ``db.wait_ready()``, so the app can be built meanwhile) and stopped on leaving."""

    def __init__(self, settings: Settings) -> None:
        data_dir = settings.data_dir.resolve()
        updates: dict = {"data_dir": data_dir}
        no_key = settings.jwt_public_key is None and settings.jwt_public_key_file is None
        if no_key and not settings.jwt_jwks_url:
            updates["jwt_public_key_file"] = data_dir / "keys" / "jwt_public.pem"
        self.server: FerretDBServer | None = None
        if not settings.mongodb_url:
            self.server = FerretDBServer(data_dir / "ferretdb", port=settings.embedded_db_port)
            updates["mongodb_url"] = self.server.url
        self.settings = settings.model_copy(update=updates)

    def __enter__(self) -> "EmbeddedDatabase":
        if self.server is not None:
            self.server.start(wait=False, port_variable=PORT_VARIABLE)
        return self

    def wait_ready(self) -> None:
        if self.server is not None:
            self.server.wait_ready()

    def __exit__(self, *exc: object) -> None:
        if self.server is not None:
            self.server.stop()


@contextmanager
def embedded_settings(settings: Settings) -> Iterator[Settings]:
    """Settings pointing at a running database; FerretDB is started (and stopped) when none is set."""
    with EmbeddedDatabase(settings) as db:
        db.wait_ready()
        yield db.settings
