"""The embedded database: a real FerretDB (SQLite backend) built from source and run as a subprocess.

The build carries one patch (``ferretdb_patch.py``): updates of one collection run one at a time, so
concurrent updates of one document do not lose writes (stock FerretDB v1 does not serialise them).
"""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from quant_shared.embedded import ferretdb_patch

FERRETDB_MODULE = "github.com/FerretDB/FerretDB"
FERRETDB_VERSION = "v1.24.2"
BUILD_NAME = "ferretdb-v1.24.2-quant-2"  # a new name whenever the patch changes


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

    @property
    def url(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/"

    def start(self, timeout: float = 30.0) -> "FerretDBServer":
        binary = ensure_binary()
        (self.data_dir / "sqlite").mkdir(parents=True, exist_ok=True)
        args = [
            str(binary),
            "--handler=sqlite",
            f"--sqlite-url=file:{self.data_dir / 'sqlite'}/",
            f"--listen-addr=127.0.0.1:{self.port}",
            f"--state-dir={self.data_dir}",
            "--debug-addr=-",
            "--telemetry=disable",
            "--log-level=warn",
        ]
        log = open(self.log_file, "ab")  # noqa: SIM115 - kept open for the process's life
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait_ready(timeout)
        return self

    def _wait_ready(self, timeout: float) -> None:
        from pymongo import MongoClient

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"FerretDB exited with {self.process.returncode}; see {self.log_file}")
            try:
                with MongoClient(self.url, serverSelectionTimeoutMS=500) as client:
                    client.admin.command("ping")
                return
            except Exception:
                time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"FerretDB did not answer ping within {timeout}s; see {self.log_file}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self) -> "FerretDBServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> None:
    """``python -m quant_shared.embedded.ferretdb``: build the binary if missing and print its path."""
    print(ensure_binary())


if __name__ == "__main__":
    main()
