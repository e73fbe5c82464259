"""Every route of the unified OpenAPI document is protected: 401 without a token (unless it is on the
public allow-list), and every ``/admin/...`` route answers 403 to a plain user's token.

The routes are enumerated from the OpenAPI document, so routes other domains add later are covered.
"""

import re

import pytest

from quant_gateway.app import create_app
from quant_shared.testing import bearer, running_app

# (method, path) that must answer without a token
PUBLIC = {
    ("GET", "/health"),
    ("POST", "/auth/token"),
    ("POST", "/auth/register"),
    ("POST", "/auth/refresh"),
    ("GET", "/auth/jwks.json"),
    ("POST", "/auth/token/api-key"),
}
DUMMY_ID = "0123456789abcdef01234567"


def concrete(path: str) -> str:
    """Fill every path parameter with a dummy value that parses as an id, a name and a symbol."""
    return re.sub(r"\{[^}]+\}", DUMMY_ID, path)


def operations(schema: dict) -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    ]


@pytest.fixture
async def gateway(settings, monkeypatch):
    monkeypatch.setenv("QUANT_MARKET_DATA_SEED_DEMO", "false")
    app = create_app(settings)
    async with running_app(app) as client:
        yield app, client


async def test_every_route_needs_a_token_and_admin_routes_need_the_admin_role(gateway, user_token):
    app, client = gateway
    ops = operations(app.openapi())
    assert len(ops) > 40 and ("DELETE", "/admin/users/{user_id}") in ops
    assert PUBLIC <= set(ops), PUBLIC - set(ops)
    open_routes, admin_leaks = [], []
    for method, path in ops:
        url = concrete(path)
        anonymous = await client.request(method, url)
        if (method, path) in PUBLIC:
            continue
        if anonymous.status_code != 401:
            open_routes.append((method, path, anonymous.status_code))
        if path.startswith("/admin"):
            as_user = await client.request(method, url, headers=bearer(user_token))
            if as_user.status_code != 403:
                admin_leaks.append((method, path, as_user.status_code))
    assert open_routes == [], f"routes answering without a token: {open_routes}"
    assert admin_leaks == [], f"admin routes not refusing a user: {admin_leaks}"


async def test_public_routes_answer_without_a_token(gateway):
    _, client = gateway
    assert (await client.get("/health")).status_code == 200
    assert (await client.get("/auth/jwks.json")).json()["keys"][0]["alg"] == "EdDSA"
    assert (await client.post("/auth/refresh", json={"refresh_token": "rt_unknown-token"})).status_code == 401
    docs = await client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    assert (await client.get("/openapi.json")).json()["components"]["securitySchemes"][
        "OAuth2PasswordBearer"
    ]["flows"]["password"]["tokenUrl"] == "/auth/token"
