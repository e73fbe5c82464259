"""The run command: the platform on the embedded FerretDB, port 8500 by default, data kept across restarts."""

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
from pymongo import MongoClient

from quant_shared.embedded import free_port
from quant_shared.embedded.address import running_url

from .test_start_stop import stop_and_check


def _start(data_dir, port, db_port):
    env = {**os.environ, "QUANT_DATA_DIR": str(data_dir), "QUANT_EMBEDDED_DB_PORT": str(db_port)}
    env.pop("QUANT_MONGODB_URL", None)
    output = open(data_dir / "run.log", "ab")  # noqa: SIM115 - the child keeps its own descriptor
    command = [sys.executable, "-m", "quant_gateway", "--port", str(port)]
    with output:
        return subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)


def _wait_health(port, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            resp = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
            if resp.status_code == 200:
                return resp
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("the platform did not become healthy")


def _port_open(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _stop(proc, db_port):
    """Ctrl-C: the platform exits 0 and nothing it started still runs (SIGTERM: test_start_stop)."""
    stop_and_check(proc, signal.SIGINT, db_port)


def test_run_command_serves_health_and_docs_and_keeps_data(tmp_path):
    port, db_port = free_port(), free_port()
    proc = _start(tmp_path, port, db_port)
    try:
        health = _wait_health(port).json()
        assert health["status"] == "ok" and health["database"]["status"] == "ok"
        assert httpx.get(f"http://127.0.0.1:{port}/docs").status_code == 200
        with MongoClient(f"mongodb://127.0.0.1:{db_port}/") as client:
            client["quant_probe"]["marks"].insert_one({"kept": True})
        assert running_url(tmp_path / "ferretdb") == f"mongodb://127.0.0.1:{db_port}/"  # for the CLI
    finally:
        _stop(proc, db_port)
    assert not _port_open(db_port), "stopping the platform must stop FerretDB"
    printed = (tmp_path / "run.log").read_text()
    assert f"console http://127.0.0.1:{port}/console" in printed and "quant admin create" in printed
    assert running_url(tmp_path / "ferretdb") is None
    proc = _start(tmp_path, port, db_port)
    try:
        _wait_health(port)
        with MongoClient(f"mongodb://127.0.0.1:{db_port}/") as client:
            assert client["quant_probe"]["marks"].find_one({"kept": True}) is not None
    finally:
        _stop(proc, db_port)
