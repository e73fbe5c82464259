"""Pytest plugin: one real FerretDB per test session, a clean database set per test, test tokens.

Set ``QUANT_MONGODB_URL`` to run the suite against a MongoDB server instead.
"""

import os
import uuid
from collections.abc import Iterator

import pytest

from quant_shared.embedded import FerretDBServer
from quant_shared.settings import Settings
from quant_shared.testing import exit_watchdog
from quant_shared.testing.nats import nats_server, nats_url, workers  # noqa: F401 - fixtures
from quant_shared.testing.tokens import TokenFactory


@pytest.fixture(scope="session")
def mongo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("QUANT_MONGODB_URL")
    if url:
        yield url
        return
    server = FerretDBServer(tmp_path_factory.mktemp("ferretdb")).start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture(scope="session")
def token_factory() -> TokenFactory:
    return TokenFactory()


@pytest.fixture
def db_prefix() -> str:
    return f"t{uuid.uuid4().hex[:10]}"


@pytest.fixture
def settings(mongo_url: str, db_prefix: str, token_factory: TokenFactory, tmp_path) -> Iterator[Settings]:
    """Settings for one test: its own databases (dropped afterwards) and the test key pair."""
    s = Settings(
        mongodb_url=mongo_url,
        db_prefix=db_prefix,
        jwt_public_key=token_factory.public_pem,
        data_dir=tmp_path / "data",
        _env_file=None,
    )
    yield s
    from pymongo import MongoClient

    with MongoClient(mongo_url, serverSelectionTimeoutMS=5000) as client:
        for name in client.list_database_names():
            if name.startswith(db_prefix + "_"):
                client.drop_database(name)


@pytest.fixture
def user_token(token_factory: TokenFactory) -> str:
    return token_factory.user()


@pytest.fixture
def admin_token(token_factory: TokenFactory) -> str:
    return token_factory.admin()


def pytest_unconfigure(config: pytest.Config) -> None:
    """The session is over: the process must now exit (``exit_watchdog``)."""
    exit_watchdog.arm(getattr(config, "_quant_exit_status", 0))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config._quant_exit_status = int(exitstatus)
