import os
import subprocess
import sys
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from quant_shared.database import init_database
from quant_shared.tasks import TASKS_DOMAIN, Task
from quant_shared.workers import NatsDispatcher, WorkerSettings

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
def worker_process(settings, worker_settings: WorkerSettings, worker_id: str, *extra: str):
    """``python -m quant_shared.workers`` as its own process, returned once it serves the queue."""
    env = {
        **os.environ,
        "QUANT_MONGODB_URL": settings.mongodb_url,
        "QUANT_DB_PREFIX": settings.db_prefix,
        "QUANT_WORKERS_NATS_URL": worker_settings.nats_url,
        "QUANT_WORKERS_NAMESPACE": worker_settings.namespace,
        "QUANT_WORKERS_ACK_WAIT_SECONDS": str(worker_settings.ack_wait_seconds),
        "QUANT_WORKERS_MAX_ATTEMPTS": str(worker_settings.max_attempts),
        "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
    }
    args = [
        sys.executable,
        "-m",
        "quant_shared.workers",
        "--domains",
        "none",
        "--id",
        worker_id,
        *extra,
    ]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ready = threading.Event()
    lines: list[str] = []

    def read() -> None:
        for line in proc.stdout:
            lines.append(line)
            if "ready on" in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(60):
        proc.kill()
        raise RuntimeError("worker did not start:\n" + "".join(lines))
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
