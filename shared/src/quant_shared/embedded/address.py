"""Where a running embedded FerretDB listens, recorded in its data folder (``address.json``).

The platform's embedded default writes it once FerretDB answers and removes it when FerretDB stops, so
commands run beside it (``quant admin create``) find the database without ``QUANT_MONGODB_URL``.
"""

import json
import os
import socket
from pathlib import Path
from urllib.parse import urlparse

ADDRESS_FILE = "address.json"


def record(data_dir: Path, url: str, pid: int) -> None:
    path = Path(data_dir) / ADDRESS_FILE
    path.write_text(json.dumps({"url": url, "pid": pid}))


def forget(data_dir: Path) -> None:
    (Path(data_dir) / ADDRESS_FILE).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running_url(data_dir: Path) -> str | None:
    """The URL of the FerretDB serving ``data_dir`` when its process lives and its port answers."""
    try:
        recorded = json.loads((Path(data_dir) / ADDRESS_FILE).read_text())
        url, pid = str(recorded["url"]), int(recorded["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    address = urlparse(url)
    if not _alive(pid) or address.hostname is None or address.port is None:
        return None
    try:
        socket.create_connection((address.hostname, address.port), timeout=0.5).close()
    except OSError:
        return None
    return url
