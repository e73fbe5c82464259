import pytest

from quant_shared.app_factory import create_domain_app
from quant_shared.testing import running_app

from .sample_domain import DOMAIN


@pytest.fixture
async def client(settings):
    async with running_app(create_domain_app(DOMAIN, settings)) as c:
        yield c
