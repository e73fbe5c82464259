"""Pytest fixture: one real ``nats-server`` with JetStream per test session (free port, temp store)."""

from collections.abc import Iterator

import pytest

from quant_shared.events.nats_server import NatsServer, ensure_binary


@pytest.fixture(scope="session")
def nats_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NatsServer]:
    """A running JetStream server; tests may ``stop()`` / ``start()`` / ``restart()`` it (streams survive)."""
    binary = ensure_binary()
    if binary is None:
        pytest.skip("nats-server is missing and could not be installed (apt-get install -y nats-server)")
    server = NatsServer(tmp_path_factory.mktemp("nats"), binary=binary).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def nats_url(nats_server: NatsServer) -> str:
    """URL of the session's server, started again if a previous test left it stopped."""
    if nats_server.process is None:
        nats_server.start()
    return nats_server.url
