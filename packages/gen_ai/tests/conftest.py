import pytest

from quant_shared.testing import serve_app

from .llm_server import LLMServer


@pytest.fixture
def llm_server():
    server = LLMServer()
    with serve_app(server.app) as url:
        server.url = url + "/v1"
        yield server
