"""The domain app stands alone on the real database."""

from quant_gen_ai.app import create_app
from quant_shared.testing import running_app


async def test_domain_app_is_healthy(settings):
    async with running_app(create_app(settings)) as client:
        body = (await client.get("/health")).json()
    assert body["status"] == "ok" and body["domains"] == ["gen_ai"]
