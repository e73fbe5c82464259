"""Start ``python -m quant_shared.workers`` processes (tests, benchmark, local scale-out)."""

import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from quant_shared.workers.settings import WorkerSettings


def worker_env(
    mongodb_url: str, db_prefix: str, settings: WorkerSettings, python_path: Sequence[str] = ()
) -> dict:
    return {
        **os.environ,
        "QUANT_MONGODB_URL": mongodb_url,
        "QUANT_DB_PREFIX": db_prefix,
        "QUANT_WORKERS_BACKEND": "nats",
        "QUANT_WORKERS_NATS_URL": settings.nats_url,
        "QUANT_WORKERS_NAMESPACE": settings.namespace,
        "QUANT_WORKERS_QUEUE": settings.queue,
        "QUANT_WORKERS_ACK_WAIT_SECONDS": str(settings.ack_wait_seconds),
        "QUANT_WORKERS_MAX_ATTEMPTS": str(settings.max_attempts),
        "QUANT_WORKERS_CONCURRENCY": str(settings.concurrency),
        "PYTHONPATH": os.pathsep.join([*python_path, os.environ.get("PYTHONPATH", "")]),
    }


@contextmanager
def worker_process(env: dict, worker_id: str, domains: str = "none", timeout: float = 60.0) -> Iterator:
    """A worker process, yielded once it serves its queue; terminated (SIGTERM, then SIGKILL) at exit."""
    args = [sys.executable, "-m", "quant_shared.workers", "--domains", domains, "--id", worker_id]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    ready = threading.Event()
    lines: list[str] = []

    def read() -> None:
        for line in proc.stdout:
            lines.append(line)
            if "ready on" in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(timeout):
        proc.kill()
        proc.wait()
        raise RuntimeError("worker did not start:\n" + "".join(lines[-40:]))
    proc.output = lines
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
