"""The embedded database: a real FerretDB (SQLite backend) built from source and run as a subprocess.

The build carries one patch (``ferretdb_patch.py``): updates of one collection run one at a time, so
concurrent updates of one document do not lose writes (stock FerretDB v1 does not serialize them).
"""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from quant_shared.embedded import address, ferretdb_patch
from quant_shared.embedded.processes import (
    PortInUseError,
    die_with_parent,
    ensure_port_free,
    port_in_use_message,
)

FERRETDB_MODULE = "github.com/FerretDB/FerretDB"
FERRETDB_VERSION = "v1.24.2"
BUILD_NAME = "ferretdb-v1.24.2-quant-5"  # a new name whenever the patch changes


def project_root() -> Path:
    """The workspace root (the folder holding ``.git`` or the root ``pyproject.toml``)."""
    env = os.environ.get("QUANT_PROJECT_ROOT")
    if env:
        return Path(env)
    here = Path.cwd().resolve()
    for folder in [here, *here.parents]:
        if (folder / "shared" / "pyproject.toml").exists() and (folder / "pyproject.toml").exists():
            return folder
    return here


def tools_dir() -> Path:
    return Path(os.environ.get("QUANT_TOOLS_DIR", project_root() / ".tools"))


def binary_path() -> Path:
    """Our patched build; a ``ferretdb`` on PATH is not used (it would lack the patch)."""
    found = os.environ.get("QUANT_FERRETDB_BIN")
    return Path(found) if found else tools_dir() / "bin" / BUILD_NAME


def ensure_binary() -> Path:
    """Build patched FerretDB once into the git-ignored tools folder (needs Go and the Go module proxy)."""
    path = binary_path()
    if path.exists():
        return path
    go = shutil.which("go") or "/usr/local/go/bin/go"
    # `go install module@version` builds it, but the released module lacks the generated
    # build/version/version.txt, so we build the same module source with that one file written.
    out = subprocess.run(
        [go, "mod", "download", "-json", f"{FERRETDB_MODULE}@{FERRETDB_VERSION}"],
        check=True,
        capture_output=True,
        text=True,
    )
    source = Path(json.loads(out.stdout)["Dir"])
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "ferretdb"
        shutil.copytree(source, work)
        for p in work.rglob("*"):
            p.chmod(p.stat().st_mode | 0o200)
        (work / "build" / "version" / "version.txt").write_text(FERRETDB_VERSION + "\n")
        ferretdb_patch.apply(work)
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([go, "build", "-trimpath", "-o", str(path), "./cmd/ferretdb"], cwd=work, check=True)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FerretDBServer:
    """One FerretDB process on ``127.0.0.1:port`` storing its SQLite files in ``data_dir``."""

    def __init__(self, data_dir: Path, port: int | None = None, log_file: Path | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.log_file = log_file or self.data_dir / "ferretdb.log"
        self.process: subprocess.Popen | None = None
        self._port_variable: str | None = None
        self._log_start = 0

    @property
    def url(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/"

    def start(
        self, timeout: float = 30.0, wait: bool = True, port_variable: str | None = None
    ) -> "FerretDBServer":
        """``wait=False``: returns at once (``wait_ready`` before use). A port another server listens on
        is an error naming it and ``port_variable``: the platform never uses a server it did not start."""
        binary = ensure_binary()
        (self.data_dir / "sqlite").mkdir(parents=True, exist_ok=True)
        ensure_port_free(self.port, "the embedded FerretDB", port_variable)
        self._port_variable = port_variable
        args = [
            str(binary),
            "--handler=sqlite",
            # WAL (FerretDB's default) with synchronous=NORMAL: a commit is not fsynced on its own, so
            # writes cost a third; a crash of the process loses nothing, a power cut the last commits
            f"--sqlite-url=file:{self.data_dir / 'sqlite'}/?_pragma=synchronous(normal)",
            f"--listen-addr=127.0.0.1:{self.port}",
            f"--state-dir={self.data_dir}",
            "--debug-addr=-",
            "--telemetry=disable",
            "--log-level=warn",
        ]
        with open(self.log_file, "ab") as log:  # the child keeps its own descriptor
            self._log_start = log.tell()  # what this run writes: read when it exits early
            # Its own session: a terminal's Ctrl-C reaches the platform, which stops FerretDB after
            # its own shutdown; it also dies with the platform if that is killed outright.
            parent_death = die_with_parent()
            self.process = subprocess.Popen(
                args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, preexec_fn=parent_death
            )
        if wait:
            self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout: float = 30.0) -> "FerretDBServer":
        """Until FerretDB answers ``ping``; an error (and the process stopped) if it exits or stays silent."""
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                self._check_running()
                if self._ping():
                    self._check_running()  # the answer came from our process, not one that took the port
                    address.record(self.data_dir, self.url, self.process.pid)
                    return self
                time.sleep(0.02)
            raise TimeoutError(f"FerretDB did not answer ping within {timeout}s; see {self.log_file}")
        except BaseException:
            self.stop()
            raise

    def _ping(self) -> bool:
        try:  # a cheap connect first: a refused ping would cost the client's whole selection timeout
            socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
        except OSError:
            return False
        from pymongo import MongoClient

        try:
            with MongoClient(self.url, serverSelectionTimeoutMS=1000, connectTimeoutMS=1000) as client:
                client.admin.command("ping")
            return True
        except Exception:  # noqa: BLE001 - listening, not answering yet
            return False

    def _check_running(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        code = self.process.returncode if self.process else None
        with open(self.log_file, "rb") as log:
            log.seek(self._log_start)
            output = log.read().decode(errors="replace")
        if "address already in use" in output.lower():
            raise PortInUseError(port_in_use_message(self.port, "the embedded FerretDB", self._port_variable))
        raise RuntimeError(f"FerretDB exited with {code}; see {self.log_file}")

    def stop(self) -> None:
        process, self.process = self.process, None
        address.forget(self.data_dir)
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def __enter__(self) -> "FerretDBServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    """``python -m quant_shared.embedded.ferretdb``: build the binary if missing and print its path."""
    print(ensure_binary())


if __name__ == "__main__":
    main()
