"""``quant admin create`` beside a running platform: it finds the embedded FerretDB through the data
folder's recorded address, with no database variable; without a running platform it says what to do."""

import os
import subprocess
import sys

import pytest
from pymongo import MongoClient

from quant_shared.database import database_url
from quant_shared.embedded import FerretDBServer
from quant_shared.settings import Settings

COMMAND = [sys.executable, "-c", "from quant_cli.main import app; app()", "admin", "create"]


def _run(cwd, email: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUANT_")}
    return subprocess.run(
        [*COMMAND, "--email", email],
        cwd=cwd,
        env=env,
        input="a-long-password\n",
        capture_output=True,
        text=True,
    )


def test_admin_create_finds_the_running_embedded_database(tmp_path):
    with FerretDBServer(tmp_path / ".data" / "ferretdb") as server:  # what `make run` starts
        done = _run(tmp_path, "first@example.com")
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("created admin first@example.com")
        with MongoClient(server.url) as client:
            [user] = client["quant_user"]["users"].find({"email": "first@example.com"}).to_list()
        assert "admin" in user["roles"]
        assert database_url(Settings(_env_file=None, data_dir=tmp_path / ".data")) == server.url
    with pytest.raises(RuntimeError, match="start the platform with `make run`"):  # stopped: forgotten
        database_url(Settings(_env_file=None, data_dir=tmp_path / ".data"))
