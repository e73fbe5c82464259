import pytest

from quant_shared.testing import running_app, serve_app
from quant_trading.app import create_app

from .contract_app import make_contract_app


@pytest.fixture(scope="session")
def contract_url():
    with serve_app(make_contract_app()) as url:
        yield url


@pytest.fixture
def trading_app_settings(settings, contract_url):
    return settings.model_copy(
        update={"service_urls": {"market_data": contract_url, "ml_platform": contract_url}}
    )


@pytest.fixture
async def client(trading_app_settings):
    app = create_app(trading_app_settings)
    async with running_app(app) as c:
        c.app = app
        yield c
