"""The merged OpenAPI document, cached and refreshed from the services' ``/openapi.json``."""

import asyncio
import logging
import time
from collections.abc import Callable

import aiohttp

from quant_gateway.openapi.merge import merge_documents

log = logging.getLogger("quant.gateway.openapi")


class OpenApiCache:
    """Refreshes at most every ``ttl`` seconds; a service that cannot be reached keeps its last
    document (and is listed in ``x-unavailable-services`` until it has given one)."""

    def __init__(
        self, own: Callable[[], dict], upstreams: dict, session_getter, ttl: float, timeout: float
    ) -> None:
        self.own = own
        self.upstreams = upstreams
        self.session_getter = session_getter
        self.ttl = ttl
        self.timeout = timeout
        self.documents: dict[str, dict] = {}
        self.merged: dict | None = None
        self.fetched_at = float("-inf")
        self._lock = asyncio.Lock()

    async def _fetch(self, name: str, base_url: str) -> None:
        try:
            timeout = aiohttp.ClientTimeout(total=self.timeout)
            async with self.session_getter().get(base_url + "/openapi.json", timeout=timeout) as resp:
                resp.raise_for_status()
                self.documents[name] = await resp.json()
        except (TimeoutError, aiohttp.ClientError, ValueError) as exc:
            log.warning("OpenAPI of %s not available: %s", name, type(exc).__name__)

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
