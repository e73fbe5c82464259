"""The one helper for every inter-domain HTTP call.

The target domain's base URL comes from ``Settings.service_urls``; when the domain runs in this
process (the all-in-one gateway or the domain itself), the call goes in-process through
``httpx.ASGITransport`` with no code change in the caller. The caller's token is forwarded, so a
domain can never do more than the user could.
"""

from typing import Any
from urllib.parse import quote

import httpx
import orjson
from fastapi import FastAPI, Request

from quant_shared.auth import Principal
from quant_shared.errors import (
    GatewayTimeoutError,
    ProblemError,
    ServiceUnavailableError,
)
from quant_shared.requestctx import request_id_var

URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


class UpstreamError(ProblemError):
    """A problem answered by another domain, carried with its status and body."""

    def __init__(self, domain: str, status: int, body: dict[str, Any]) -> None:
        title = body.get("title") or "Upstream error"
        detail = body.get("detail") or f"{domain} answered {status}"
        super().__init__(detail, status=status, title=title, errors=body.get("errors"))
        self.domain = domain
        self.body = body


class ServiceClients:
    """Holds one pooled ``httpx.AsyncClient`` per target domain for an app."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._clients: dict[str, httpx.AsyncClient] = {}

    def _make(self, domain: str) -> httpx.AsyncClient:
        settings = self.app.state.settings
        timeout = httpx.Timeout(settings.service_timeout_seconds)
        url = settings.service_urls.get(domain)
        if url:
            return httpx.AsyncClient(base_url=url.rstrip("/"), timeout=timeout)
        if domain in getattr(self.app.state, "domains", {}):
            transport = httpx.ASGITransport(app=self.app)
            return httpx.AsyncClient(transport=transport, base_url="http://in-process", timeout=timeout)
        raise ServiceUnavailableError(f"The {domain} service is not configured (QUANT_SERVICE_URLS)")

    def client(self, domain: str) -> httpx.AsyncClient:
        if domain not in self._clients:
            self._clients[domain] = self._make(domain)
        return self._clients[domain]

    async def aclose(self) -> None:
        for client in self._clients.values():
            await client.aclose()
        self._clients.clear()

    async def call(
        self,
        domain: str,
        method: str,
        path: str,
        *,
        principal: Principal | None = None,
        token: str | None = None,
        timeout: float | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send one request; 2xx comes back, anything else raises a typed problem."""
        headers = dict(kwargs.pop("headers", None) or {})
        bearer = token or (principal.token if principal else None)
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        rid = request_id_var.get()
        if rid:
            headers["X-Request-ID"] = rid
        if timeout is not None:
            kwargs["timeout"] = timeout
        # ids taken from user input may hold characters a URL cannot carry: escape them, keep the rest
        path = quote(path, safe=URL_SAFE)
        try:
            resp = await self.client(domain).request(method, path, headers=headers, **kwargs)
        except httpx.TimeoutException as exc:
            raise GatewayTimeoutError(f"The {domain} service did not answer in time") from exc
        except httpx.TransportError as exc:
            raise ServiceUnavailableError(f"The {domain} service is unreachable") from exc
        if resp.status_code >= 400:
            try:
                body = resp.json()
            except ValueError:
                body = {"detail": resp.text[:200]}
            if resp.status_code >= 500:
                raise ServiceUnavailableError(f"The {domain} service failed: {body.get('detail', '')}")
            raise UpstreamError(domain, resp.status_code, body if isinstance(body, dict) else {})
        return resp

    async def get_json(self, domain: str, path: str, **kwargs: Any) -> Any:
        return orjson.loads((await self.call(domain, "GET", path, **kwargs)).content)


def service_clients(request: Request) -> ServiceClients:
    """FastAPI dependency giving the app's inter-domain clients."""
    state = request.app.state
    if getattr(state, "service_clients", None) is None:
        state.service_clients = ServiceClients(request.app)
    return state.service_clients
