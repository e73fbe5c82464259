"""A local ``nats-server`` with JetStream as a subprocess: the tests, the benchmark and development."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from quant_shared.embedded import free_port
from quant_shared.embedded.processes import die_with_parent

CANDIDATES = ("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server")


def find_binary() -> Path | None:
    found = os.environ.get("QUANT_NATS_SERVER_BIN") or shutil.which("nats-server")
    if found:
        return Path(found)
    return next((Path(p) for p in CANDIDATES if Path(p).exists()), None)


def ensure_binary() -> Path | None:
    """The ``nats-server`` binary, installed with apt-get (Debian package ``nats-server``) when missing."""
    path = find_binary()
    if path is not None:
        return path
    apt = shutil.which("apt-get")
    if apt is None or (hasattr(os, "geteuid") and os.geteuid() != 0):
        return None
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for args in ([apt, "update", "-qq"], [apt, "install", "-y", "-qq", "nats-server"]):
        if subprocess.run(args, env=env, capture_output=True, timeout=600).returncode != 0:
            return None
    return find_binary()


class NatsServer:
    """``nats-server -js`` on ``127.0.0.1:port`` storing streams in ``store_dir``; stop/start keeps them."""

    def __init__(self, store_dir: Path, port: int | None = None, binary: Path | None = None) -> None:
        self.store_dir = Path(store_dir)
        self.port = port or free_port()
        self.binary = binary or ensure_binary()
        if self.binary is None:
            raise FileNotFoundError("nats-server is not installed (apt-get install -y nats-server)")
        self.log_file = self.store_dir / "nats-server.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> "NatsServer":
        if self.process is not None and self.process.poll() is None:
            return self  # running: a second process would be left behind, unowned
        self.store_dir.mkdir(parents=True, exist_ok=True)
        args = [
            str(self.binary),
            "-js",
            "-a",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-sd",
            str(self.store_dir),
        ]
        with open(self.log_file, "ab") as log:  # the child keeps its own descriptor
            self.process = subprocess.Popen(  # dies with the process that started it, even if that is killed
                args,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=die_with_parent(),
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nats-server exited with {self.process.returncode}; see {self.log_file}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    if sock.recv(4).startswith(b"INFO"):
                        return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise TimeoutError(f"nats-server did not start within {timeout}s; see {self.log_file}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def restart(self) -> "NatsServer":
        self.stop()
        return self.start()

    def __enter__(self) -> "NatsServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
