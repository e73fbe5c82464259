import pytest

from quant_shared.testing import serve_app

from .llm_server import LLMServer


@pytest.fixture
def llm_server():
    server = LLMServer()
    with serve_app(server.app) as url:
        server.url = url + "/v1"
        yield server


@pytest.fixture
def trading(settings):
    """The trading/user contract served over HTTP; yields (contract, settings pointing at it)."""
    from .trading_contract import TradingContract

    contract = TradingContract(settings)
    with serve_app(contract.app, lifespan="off") as url:
        yield contract, settings.model_copy(update={"service_urls": {"trading": url, "user": url}})
