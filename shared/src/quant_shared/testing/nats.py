"""Pytest fixtures: one real ``nats-server`` with JetStream per test session (free port, temp store), and
``workers``: the settings that send an app's tasks to worker processes on it."""

import uuid
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


@pytest.fixture
def workers(nats_url: str, monkeypatch: pytest.MonkeyPatch):
    """Tasks go to ``quant worker`` processes: ``WorkerSettings`` on a fresh namespace (short ack wait,
    3 attempts), also set in ``QUANT_WORKERS_*`` so an app created in the test dispatches to the broker.
    Start workers with ``worker_process(worker_env(settings.mongodb_url, settings.db_prefix, workers), ...)``.
    """
    from quant_shared.workers import WorkerSettings
    from quant_shared.workers.process import worker_env

    settings = WorkerSettings(
        backend="nats", nats_url=nats_url, namespace=f"w{uuid.uuid4().hex[:8]}", ack_wait_seconds=3.0,
        max_attempts=3, _env_file=None,
    )  # fmt: skip
    for key, value in worker_env("", "", settings).items():
        if key.startswith("QUANT_WORKERS_"):
            monkeypatch.setenv(key, value)
    return settings
