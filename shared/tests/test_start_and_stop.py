"""Fast start and clean stop, the shared parts: indexes created only when missing, FerretDB dying with a
killed parent, leftover processes adopted, named and stopped by the suite runner."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time

from beanie import Document, init_beanie
from pymongo import IndexModel

from quant_shared.database import make_client
from quant_shared.indexes import ensure_indexes
from quant_shared.testing import leftovers


class Gadget(Document):
    name: str
    size: int

    class Settings:
        name = "gadgets"
        indexes = [IndexModel("name", unique=True), IndexModel([("size", -1), ("name", 1)])]


async def test_indexes_are_created_only_when_missing(mongo_url, db_prefix, monkeypatch):
    client = make_client(mongo_url)
    try:
        database = client[f"{db_prefix}_gadgets"]
        await init_beanie(database=database, document_models=[Gadget], skip_indexes=True)
        collection = Gadget.get_pymongo_collection()
        created: list[str] = []
        create = type(collection).create_indexes

        async def counting(self, indexes, *args, **kwargs):
            created.extend(index.document["name"] for index in indexes)
            return await create(self, indexes, *args, **kwargs)

        monkeypatch.setattr(type(collection), "create_indexes", counting)
        await ensure_indexes(Gadget)
        assert created == ["name_1", "size_-1_name_1"]
        await ensure_indexes(Gadget)  # a start on an existing database
        assert created == ["name_1", "size_-1_name_1"]
        settings = Gadget.get_settings()
        monkeypatch.setattr(settings, "indexes", [*settings.indexes, IndexModel("size")])
        await ensure_indexes(Gadget)  # a newly declared index
        assert created[2:] == ["size_1"]
        names = {index["name"] async for index in await collection.list_indexes()}
        assert names == {"_id_", "name_1", "size_-1_name_1", "size_1"}
    finally:
        await client.drop_database(f"{db_prefix}_gadgets")
        await client.close()


def _run(script: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)], stdout=subprocess.PIPE, text=True
    )


def test_ferretdb_stops_when_the_process_that_started_it_is_killed(tmp_path):
    parent = _run(f"""
        import time
        from quant_shared.embedded import FerretDBServer
        server = FerretDBServer({str(tmp_path)!r}).start()
        print(server.process.pid, flush=True)
        time.sleep(120)
    """)
    try:
        ferretdb = int(parent.stdout.readline())
        assert leftovers.alive(ferretdb)
    finally:
        parent.kill()  # SIGKILL: nothing of the parent runs
        parent.wait()
    deadline = time.monotonic() + 10
    while leftovers.alive(ferretdb) and time.monotonic() < deadline:
        time.sleep(0.05)
    if leftovers.alive(ferretdb):
        os.kill(ferretdb, signal.SIGKILL)
        raise AssertionError("FerretDB outlived the process that started it")


def test_orphans_are_adopted_named_and_stopped():
    runner = _run("""
        import json, subprocess, sys
        from quant_shared.testing import leftovers
        adopted = leftovers.adopt_orphans()
        code = "import subprocess; subprocess.Popen(['sleep', '77'], start_new_session=True)"
        subprocess.run([sys.executable, "-c", code], check=True)  # exits, its sleep lives on
        found = leftovers.children()
        leftovers.stop(found, grace=2)
        print(json.dumps({"adopted": adopted, "found": [p.command for p in found],
                          "after": [p.command for p in leftovers.children()]}))
    """)
    out, _ = runner.communicate(timeout=60)
    result = json.loads(out)
    assert result == {"adopted": True, "found": ["sleep 77"], "after": []}
