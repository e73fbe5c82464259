"""HTTP client of the CLI: base URL, credentials, problem+json errors turned into readable messages."""

import functools
import os
from typing import Any

import httpx
import typer


class PlatformError(Exception):
    """A problem answered by the platform (or the platform unreachable)."""

    def __init__(self, status: int, title: str, detail: str = "", errors: list | None = None) -> None:
        super().__init__(f"{status} {title}: {detail}".strip())
        self.status, self.title, self.detail, self.errors = status, title, detail, errors or []

    def render(self) -> str:
        lines = [f"{self.status} {self.title}" + (f": {self.detail}" if self.detail else "")]
        lines += [f"  - {e.get('field', '?')}: {e.get('message', '')}" for e in self.errors]
        return "\n".join(lines)


class PlatformClient:
    def __init__(
        self,
        base_url: str | None = None,
        token: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.base_url = (base_url or os.environ.get("QUANT_API_URL") or "http://127.0.0.1:8500").rstrip("/")
        self.token = token or os.environ.get("QUANT_TOKEN")
        self.http = httpx.Client(base_url=self.base_url, timeout=timeout, transport=transport)

    def login(self, email: str, password: str) -> str:
        body = self._send("POST", "/auth/token", data={"username": email, "password": password})
        self.token = body["access_token"]
        return self.token

    def login_with_api_key(self, api_key: str) -> str:
        body = self._send("POST", "/auth/token/api-key", json={"api_key": api_key})
        self.token = body["access_token"]
        return self.token

    def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = kwargs.pop("headers", {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            resp = self.http.request(method, path, headers=headers, **kwargs)
        except httpx.TransportError as exc:
            raise PlatformError(503, "Platform unreachable", f"{self.base_url}: {exc}") from exc
        if resp.status_code >= 400:
            try:
                body = resp.json()
            except ValueError:
                body = {"detail": resp.text[:200]}
            raise PlatformError(
                resp.status_code, body.get("title", "Error"), body.get("detail", ""), body.get("errors")
            )
        return resp.json() if resp.content else None

    def get(self, path: str, **params: Any) -> Any:
        return self._send("GET", path, params={k: v for k, v in params.items() if v is not None})

    def post(self, path: str, json: Any = None) -> Any:
        return self._send("POST", path, json=json)


def client_from_options(
    api_url: str | None, token: str | None, email: str | None, password: str | None, api_key: str | None
) -> PlatformClient:
    """Credentials, in order: token, API key, e-mail + password (options or QUANT_* variables)."""
    client = PlatformClient(api_url, token)
    api_key = api_key or os.environ.get("QUANT_API_KEY")
    email = email or os.environ.get("QUANT_EMAIL")
    password = password or os.environ.get("QUANT_PASSWORD")
    if not client.token and api_key:
        client.login_with_api_key(api_key)
    elif not client.token and email and password:
        client.login(email, password)
    return client


def handles_problems(fn):
    """Print a platform problem (with each bad field) and exit 2 instead of a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except PlatformError as exc:
            typer.secho(exc.render(), fg="red", err=True)
            raise typer.Exit(2) from exc

    return wrapper
