"""The web console at ``/console``: served from its build in both modes, a 404 naming the build commands
without one, never part of the OpenAPI document."""

import httpx
import pytest

from quant_gateway import console
from quant_gateway.app import create_app
from quant_gateway.proxy.app import create_proxy_app
from quant_gateway.proxy.config import ProxySettings
from quant_shared.settings import Settings

INDEX = '<!doctype html><div id="app"></div><script src="/console/assets/app.js"></script>'


@pytest.fixture
def built(tmp_path, monkeypatch):
    """A console build in a temporary folder, used by the gateway apps created in the test."""
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "app.js").write_text("console.log('console');")
    monkeypatch.setattr(console, "DIST", dist)
    return dist


def gateways(tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")
    upstreams = {"trading": {"url": "http://127.0.0.1:9", "prefixes": ["/x"]}}
    proxy = ProxySettings(_env_file=None, upstreams=upstreams)
    return {"all-in-one": create_app(settings), "services": create_proxy_app(settings, proxy)}


async def get(app, path: str) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client:
        return await client.get(path)


async def test_console_is_served_in_both_modes(tmp_path, built):
    for mode, app in gateways(tmp_path).items():
        redirect = await get(app, "/console")
        assert redirect.status_code == 307 and redirect.headers["location"].endswith("/console/"), mode
        page = await get(app, "/console/")
        assert page.status_code == 200 and page.text == INDEX, mode
        assert page.headers["cache-control"] == "no-cache", mode
        asset = await get(app, "/console/assets/app.js")
        assert asset.status_code == 200 and "javascript" in asset.headers["content-type"], mode
        assert "immutable" in asset.headers["cache-control"], mode
        assert (await get(app, "/console/assets/missing.js")).status_code == 404, mode


async def test_without_a_build_console_names_the_build_commands(tmp_path, monkeypatch):
    monkeypatch.setattr(console, "DIST", tmp_path / "nothing")
    for mode, app in gateways(tmp_path).items():
        page = await get(app, "/console/")
        assert page.status_code == 404, mode
        assert "text/html" in page.headers["content-type"], mode
        assert console.BUILD in page.text, mode


def test_console_is_not_in_the_openapi_document(tmp_path, built):
    schema = gateways(tmp_path)["all-in-one"].openapi()
    assert not [path for path in schema["paths"] if path.startswith("/console")]
