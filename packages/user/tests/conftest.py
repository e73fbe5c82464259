"""Fixtures: the user domain on the real FerretDB, signing with the test key pair, with its
neighbours' APIs served by a contract app over real HTTP."""

import pytest

from quant_shared.testing import bearer, running_app, serve_app
from quant_user.app import create_app
from quant_user.settings import UserSettings

from .contract_app import Contract

PASSWORD = "correct horse battery"


@pytest.fixture
def contract():
    c = Contract()
    with serve_app(c.app, lifespan="off") as url:
        c.url = url
        yield c


@pytest.fixture
def user_settings(tmp_path, token_factory) -> UserSettings:
    key = tmp_path / "signing.pem"
    key.write_text(token_factory.private_pem)
    return UserSettings(
        _env_file=None,
        jwt_private_key_file=key,
        login_free_failures=3,
        login_max_failures_per_ip=6,
        max_watchlists=3,
        max_watchlist_items=4,
        dashboard_section_timeout_seconds=1.0,
    )


@pytest.fixture
def app_settings(settings, contract):
    urls = {domain: contract.url for domain in ("market_data", "trading", "ml_platform")}
    return settings.model_copy(update={"service_urls": urls})


@pytest.fixture
async def app(app_settings, user_settings):
    return create_app(app_settings, user_settings)


@pytest.fixture
async def client(app):
    async with running_app(app) as c:
        yield c


async def signup(client, email: str, password: str = PASSWORD, name: str = "Someone") -> dict:
    """Register and log in; returns the token pair plus ``id`` and ``headers``."""
    resp = await client.post(
        "/auth/register", json={"email": email, "password": password, "display_name": name}
    )
    assert resp.status_code == 201, resp.text
    tokens = await login(client, email, password)
    return {**tokens, "id": resp.json()["id"], "headers": bearer(tokens["access_token"])}


async def login(client, email: str, password: str = PASSWORD) -> dict:
    resp = await client.post("/auth/token", data={"username": email, "password": password})
    assert resp.status_code == 200, resp.text
    return resp.json()
