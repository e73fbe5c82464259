import asyncio

import pytest

from quant_ml_platform.app import create_app
from quant_shared.testing import bearer, running_app, serve_app

from .market_data_contract import make_market_data_app


@pytest.fixture(scope="session")
def market_data_url():
    with serve_app(make_market_data_app()) as url:
        yield url


@pytest.fixture
async def client(settings, market_data_url):
    urls = {"market_data": market_data_url, "trading": market_data_url}  # one stand-in serves both
    app = create_app(settings.model_copy(update={"service_urls": urls}))
    async with running_app(app) as c:
        c.app = app
        yield c


@pytest.fixture
def auth(user_token):
    return bearer(user_token)


async def wait_task(client, accepted: dict, headers: dict, timeout: float = 60.0) -> dict:
    for _ in range(int(timeout / 0.05)):
        body = (await client.get(accepted["status_url"], headers=headers)).json()
        if body["status"] in ("completed", "failed", "cancelled"):
            assert body["status"] == "completed", body
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"task did not finish: {body}")
