import pytest

from quant_market_data.app import create_app
from quant_market_data.settings import MarketDataSettings
from quant_shared.testing import bearer, running_app


@pytest.fixture
def md_settings() -> MarketDataSettings:
    return MarketDataSettings(seed_demo=False, _env_file=None)


@pytest.fixture
async def client(settings, md_settings):
    app = create_app(settings)
    app.state.market_data_settings = md_settings
    async with running_app(app) as c:
        c.app = app
        yield c


@pytest.fixture
def user(user_token):
    return bearer(user_token)


@pytest.fixture
def admin(admin_token):
    return bearer(admin_token)


@pytest.fixture
async def stock(client, admin):
    body = {"symbol": "TEST", "name": "Test Corp", "asset_class": "stock", "sector": "Tech"}
    resp = await client.post("/admin/market-data/instruments", json=body, headers=admin)
    assert resp.status_code == 201, resp.text
    return resp.json()
