import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from quant_shared.database import init_database
from quant_shared.tasks import TASKS_DOMAIN, Task
from quant_shared.workers import NatsDispatcher, WorkerSettings
from quant_shared.workers.process import worker_env
from quant_shared.workers.process import worker_process as spawn_worker

HERE = Path(__file__).parent


@pytest.fixture
def worker_settings(nats_url: str) -> WorkerSettings:
    return WorkerSettings(
        backend="nats",
        nats_url=nats_url,
        namespace=f"w{uuid.uuid4().hex[:8]}",
        ack_wait_seconds=2.0,
        max_attempts=3,
        _env_file=None,
    )


@pytest.fixture
async def tasks_db(settings):
    client = await init_database(settings, {TASKS_DOMAIN: [Task]})
    yield client
    await client.close()


@pytest.fixture
async def dispatcher(worker_settings, tasks_db):
    d = NatsDispatcher(worker_settings)
    yield d
    await d.close()


@contextmanager
def worker_process(settings, worker_settings: WorkerSettings, worker_id: str):
    """``python -m quant_shared.workers`` as its own process, yielded once it serves the queue."""
    env = worker_env(settings.mongodb_url, settings.db_prefix, worker_settings, [str(HERE)])
    with spawn_worker(env, worker_id) as proc:
        yield proc
