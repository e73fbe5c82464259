"""Start and stop of the platform as a real process: SIGTERM stops every server it started (FerretDB and
whatever else runs below it), through ``quant up`` too; a foreign server on the database port is a clear
error naming the port."""

import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from quant_shared.embedded import FerretDBServer, free_port
from quant_shared.embedded.processes import PortInUseError
from quant_shared.testing import leftovers


def platform_env(data_dir, db_port: int) -> dict[str, str]:
    env = {**os.environ, "QUANT_DATA_DIR": str(data_dir), "QUANT_EMBEDDED_DB_PORT": str(db_port)}
    env.pop("QUANT_MONGODB_URL", None)
    env["QUANT_MARKET_DATA_SEED_DEMO"] = "false"
    return env


def wait_healthy(proc: subprocess.Popen, port: int, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the platform exited with {proc.returncode}"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError("the platform did not become healthy")


def stop_and_check(proc: subprocess.Popen, signum: int, db_port: int) -> None:
    """Send ``signum``; the process exits 0 and nothing it started (directly or below) still runs."""
    below = leftovers.descendants(proc.pid)
    assert any(str(db_port) in p.command for p in below), f"no FerretDB below the platform: {below}"
    proc.send_signal(signum)
    try:
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    deadline = time.monotonic() + 5  # a child signalled last may need a moment after its parent's exit
    while (left := [p for p in below if leftovers.alive(p.pid)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, f"left running after {signal.Signals(signum).name}: {left}"
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", db_port)) != 0, "the database port still answers"


def platform_command(port: int) -> list[str]:
    return [sys.executable, "-m", "quant_gateway", "--port", str(port)]


def quant_up_command(port: int) -> list[str]:
    pytest.importorskip("quant_cli")
    return [sys.executable, "-c", "from quant_cli.main import main; main()", "up", "--port", str(port)]


@pytest.mark.parametrize("command", [platform_command, quant_up_command], ids=["platform", "quant-up"])
def test_sigterm_stops_the_platform_and_every_server_it_started(tmp_path, command):
    """Directly, and through ``quant up``, which passes SIGTERM on and waits for the platform."""
    port, db_port = free_port(), free_port()
    proc = subprocess.Popen(command(port), env=platform_env(tmp_path, db_port))
    try:
        wait_healthy(proc, port)
    except BaseException:
        proc.kill()
        raise
    stop_and_check(proc, signal.SIGTERM, db_port)


def test_a_foreign_server_on_the_database_port_is_a_clear_error(tmp_path):
    with socket.socket() as foreign:
        foreign.bind(("127.0.0.1", 0))
        foreign.listen()
        db_port = foreign.getsockname()[1]
        with pytest.raises(PortInUseError, match=f"port {db_port} is already in use by pid {os.getpid()}"):
            FerretDBServer(tmp_path / "db", port=db_port).start()
        run = subprocess.run(
            [sys.executable, "-m", "quant_gateway", "--port", str(free_port())],
            env=platform_env(tmp_path, db_port),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode != 0
    message = run.stderr.strip().splitlines()[-1]
    assert message.startswith(f"quant-gateway: port {db_port} is already in use by pid {os.getpid()}")
    assert "set QUANT_EMBEDDED_DB_PORT to a free port" in message and "Traceback" not in run.stderr


START_PATH = """
import sys
from quant_gateway.lifecycle import keep_bytecode
keep_bytecode()
from quant_gateway.app import create_app
from quant_shared.settings import Settings
create_app(Settings(mongodb_url="mongodb://127.0.0.1:1/", _env_file=None))
print(" ".join(m for m in ("sklearn", "skops", "scipy.stats", "matplotlib") if m in sys.modules))
engine = sys.modules.get("quant_trading.engine")
print(type(engine).__name__ if engine else "-")
"""


def test_the_start_path_leaves_heavy_compiled_libraries_for_later():
    """Composing the app imports no scikit-learn, skops, SciPy statistics nor matplotlib, and leaves the
    backtest engine's ``__init__`` for its first use (the trading tests use it through the API)."""
    run = subprocess.run([sys.executable, "-c", START_PATH], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    imported, engine = run.stdout.splitlines()[-2:]
    assert imported == "", f"imported while composing the app: {imported}"
    assert engine in ("DeferredPackage", "-")  # "-": the trading domain is not installed
