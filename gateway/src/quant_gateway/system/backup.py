"""Database backup and restore: every domain's collections in one gzip'd JSON-lines archive.

Line 1 is a header; each collection starts with a ``{"collection": ...}`` line followed by one
``{"doc": ...}`` line per document, in canonical Extended JSON (types survive: ObjectId, dates,
int64, decimals). A restore replaces the content of each archived collection; FerretDB has no
multi-document transactions, so a restore is not atomic (run it while the platform is idle).
"""

import asyncio
import gzip
import re
from datetime import UTC, datetime
from pathlib import Path

from bson import json_util
from bson.json_util import CANONICAL_JSON_OPTIONS
from pymongo import AsyncMongoClient

from quant_gateway.system.schemas import BackupOut, RestoreOut
from quant_shared.errors import NotFoundError, ValidationProblem
from quant_shared.settings import Settings
from quant_shared.timeutil import utcnow

FORMAT = "quant-backup"
NAME_PATTERN = re.compile(r"^backup-\d{8}T\d{12}Z\.jsonl\.gz$")
BATCH = 500
CLEAR_BATCH = 500


def _line(value: dict) -> bytes:
    return (json_util.dumps(value, json_options=CANONICAL_JSON_OPTIONS) + "\n").encode()


class BackupService:
    def __init__(self, client: AsyncMongoClient, settings: Settings, domains: list[str]) -> None:
        self.client = client
        self.settings = settings
        self.domains = domains
        self.folder = Path(settings.data_dir) / "backups"

    def path_of(self, name: str) -> Path:
        if not NAME_PATTERN.match(name):
            raise ValidationProblem.field("path.name", "not a backup name (backup-<timestamp>.jsonl.gz)")
        path = self.folder / name
        if not path.is_file():
            raise NotFoundError(f"Backup {name} not found")
        return path

    async def create(self) -> BackupOut:
        self.folder.mkdir(parents=True, exist_ok=True)
        created = utcnow()
        name = f"backup-{created:%Y%m%dT%H%M%S%f}Z.jsonl.gz"
        partial = self.folder / (name + ".partial")
        counts: dict[str, dict[str, int]] = {}
        with gzip.open(partial, "wb") as out:
            out.write(_line({"format": FORMAT, "version": 1, "created_at": created, "domains": self.domains}))
            for domain in self.domains:
                db = self.client[self.settings.database_name(domain)]
                counts[domain] = {}
                for coll in sorted(
                    n for n in await db.list_collection_names() if not n.startswith("system.")
                ):
                    out.write(_line({"collection": {"domain": domain, "name": coll}}))
                    lines, total = [], 0
                    async for doc in db[coll].find({}):
                        lines.append(_line({"doc": doc}))
                        total += 1
                        if len(lines) >= BATCH:
                            await asyncio.to_thread(out.write, b"".join(lines))
                            lines = []
                    await asyncio.to_thread(out.write, b"".join(lines))
                    counts[domain][coll] = total
        partial.rename(self.folder / name)
        return BackupOut(
            name=name, created_at=created, size_bytes=(self.folder / name).stat().st_size, collections=counts
        )

    def list_all(self) -> list[BackupOut]:
        if not self.folder.is_dir():
            return []
        return [self._describe(p) for p in sorted(self.folder.glob("backup-*.jsonl.gz"), reverse=True)]

    def _describe(self, path: Path) -> BackupOut:
        counts: dict[str, dict[str, int]] = {}
        created = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        current = None
        with gzip.open(path, "rb") as src:
            for raw in src:
                item = json_util.loads(raw)
                if "created_at" in item:  # json_util gives a naive UTC datetime
                    created = item["created_at"].replace(tzinfo=UTC)
                elif "collection" in item:
                    current = item["collection"]
                    counts.setdefault(current["domain"], {})[current["name"]] = 0
                elif current is not None:
                    counts[current["domain"]][current["name"]] += 1
        return BackupOut(
            name=path.name, created_at=created, size_bytes=path.stat().st_size, collections=counts
        )

    async def restore(self, name: str) -> RestoreOut:
        path = self.path_of(name)
        header = json_util.loads(await asyncio.to_thread(self._first_line, path))
        if header.get("format") != FORMAT:
            raise ValidationProblem.field("path.name", "the file is not a quant backup archive")
        unknown = [d for d in header.get("domains", []) if d not in self.domains]
        if unknown:
            raise ValidationProblem.field("path.name", f"the archive holds unknown domains: {unknown}")
        restored: dict[str, dict[str, int]] = {}
        collection, batch = None, []
        with gzip.open(path, "rb") as src:
            for raw in src:
                item = json_util.loads(raw)
                if "collection" in item:
                    await self._flush(collection, batch)
                    batch = []
                    domain, coll = item["collection"]["domain"], item["collection"]["name"]
                    collection = self.client[self.settings.database_name(domain)][coll]
                    await self._clear(collection)
                    restored.setdefault(domain, {})[coll] = 0
                    counter = (domain, coll)
                elif "doc" in item and collection is not None:
                    batch.append(item["doc"])
                    restored[counter[0]][counter[1]] += 1
                    if len(batch) >= BATCH:
                        await self._flush(collection, batch)
                        batch = []
        await self._flush(collection, batch)
        return RestoreOut(name=name, restored=restored)

    @staticmethod
    def _first_line(path: Path) -> bytes:
        with gzip.open(path, "rb") as src:
            return src.readline()

    @staticmethod
    async def _clear(collection) -> None:
        """Empty a collection in batches: FerretDB's SQLite backend binds one variable per deleted
        document and refuses a single ``delete_many({})`` over a large collection."""
        while ids := [doc["_id"] async for doc in collection.find({}, {"_id": 1}).limit(CLEAR_BATCH)]:
            await collection.delete_many({"_id": {"$in": ids}})

    @staticmethod
    async def _flush(collection, batch: list[dict]) -> None:
        if collection is not None and batch:
            await collection.insert_many(batch, ordered=False)
