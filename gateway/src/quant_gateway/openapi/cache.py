"""The merged OpenAPI document, cached and refreshed from the services' ``/openapi.json``."""

import asyncio
import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from quant_gateway.openapi.merge import merge_documents
from quant_gateway.proxy.http1_errors import UpstreamError
from quant_gateway.proxy.http1_pool import Http1Pool, get_json

log = logging.getLogger("quant.gateway.openapi")


class OpenApiCache:
    """Refreshes at most every ``ttl`` seconds; a service that cannot be reached keeps its last
    document (and is listed in ``x-unavailable-services`` until it has given one). With ``store``,
    each service's last document is also kept on disk, so a restarted gateway still describes a
    service that is down."""

    def __init__(
        self,
        own: Callable[[], dict],
        upstreams: dict,
        pool: Http1Pool,
        ttl: float,
        timeout: float,
        store: Path | None = None,
    ) -> None:
        self.own = own
        self.upstreams = upstreams
        self.pool = pool
        self.ttl = ttl
        self.timeout = timeout
        self.store = store
        self.documents: dict[str, dict] = {name: doc for name in upstreams if (doc := self._load(name))}
        self.merged: dict | None = None
        self.fetched_at = float("-inf")
        self._lock = asyncio.Lock()

    async def _fetch(self, name: str, base_url: str) -> None:
        try:
            status, document = await get_json(self.pool, base_url, "/openapi.json", self.timeout)
        except UpstreamError as exc:
            log.warning("OpenAPI of %s not available: %s", name, type(exc).__name__)
            return
        if status == 200 and isinstance(document, dict):
            if document != self.documents.get(name):
                self._save(name, document)
            self.documents[name] = document

    def _load(self, name: str) -> dict | None:
        path = self.store / f"{name}.json" if self.store else None
        if path is None or not path.is_file():
            return None
        try:
            return json.loads(path.read_text())
        except (OSError, ValueError):
            return None

    def _save(self, name: str, document: dict) -> None:
        if self.store is None:
            return
        self.store.mkdir(parents=True, exist_ok=True)
        tmp = self.store / f".{name}.json.tmp"
        tmp.write_text(json.dumps(document))
        os.replace(tmp, self.store / f"{name}.json")  # a reader never sees half a document

    async def refresh(self) -> dict:
        async with self._lock:
            await asyncio.gather(*(self._fetch(n, u.base_url) for n, u in self.upstreams.items()))
            docs = [self.documents[n] for n in self.upstreams if n in self.documents]
            merged = merge_documents(self.own(), docs)
            missing = [n for n in self.upstreams if n not in self.documents]
            if missing:
                merged["x-unavailable-services"] = missing
            self.merged, self.fetched_at = merged, time.monotonic()
            return merged

    async def get(self) -> dict:
        complete = self.merged is not None and "x-unavailable-services" not in self.merged
        if complete and time.monotonic() - self.fetched_at < self.ttl:
            return self.merged
        return await self.refresh()
