"""Inter-domain calls: in-process by default, real HTTP when a base URL is configured; typed errors."""

import pytest
from fastapi import APIRouter, FastAPI

from quant_shared.app_factory import create_domain_app
from quant_shared.domain import DomainSpec
from quant_shared.errors import NotFoundError, ServiceUnavailableError
from quant_shared.http import ServiceClients, UpstreamError
from quant_shared.testing import running_app, serve_app

echo = APIRouter(prefix="/echo", tags=["Echo"])


@echo.get("/{word}")
async def say(word: str) -> dict:
    if word == "missing":
        raise NotFoundError("no such word")
    return {"word": word}


ECHO = DomainSpec(name="echo", router=echo)


async def test_in_process_call_and_typed_error(settings):
    app = create_domain_app(ECHO, settings)
    async with running_app(app):
        clients: ServiceClients = app.state.service_clients
        assert await clients.get_json("echo", "/echo/hi") == {"word": "hi"}
        with pytest.raises(UpstreamError) as err:
            await clients.get_json("echo", "/echo/missing")
        assert err.value.status == 404 and err.value.detail == "no such word"
        with pytest.raises(ServiceUnavailableError):
            await clients.get_json("trading", "/backtests")


async def test_http_call_through_configured_url(settings):
    remote = FastAPI()
    remote.include_router(echo)
    with serve_app(remote) as url:
        caller = create_domain_app(
            DomainSpec(name="caller", router=APIRouter()),
            settings.model_copy(update={"service_urls": {"echo": url}}),
        )
        async with running_app(caller):
            assert await caller.state.service_clients.get_json("echo", "/echo/yo") == {"word": "yo"}
    async with running_app(caller):
        with pytest.raises(ServiceUnavailableError):
            await caller.state.service_clients.get_json("echo", "/echo/yo")
