"""The domain alone: healthy, and on first start it creates its key pair and verifies its own tokens."""

import stat

import jwt

from quant_shared.testing import bearer, running_app
from quant_user.app import create_app
from quant_user.settings import UserSettings


async def test_domain_app_is_healthy(settings):
    async with running_app(create_app(settings, UserSettings(_env_file=None))) as client:
        body = (await client.get("/health")).json()
    assert body["status"] == "ok" and body["domains"] == ["user"]


async def test_first_start_creates_the_key_pair_and_keeps_it(settings):
    own = settings.model_copy(update={"jwt_public_key": None})
    keys_dir = settings.data_dir / "keys"
    async with running_app(create_app(own, UserSettings(_env_file=None))) as client:
        private, public = keys_dir / "jwt_private.pem", keys_dir / "jwt_public.pem"
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
        assert "BEGIN PRIVATE KEY" in private.read_text() and "BEGIN PUBLIC KEY" in public.read_text()
        await client.post(
            "/auth/register", json={"email": "k@example.com", "password": "x" * 12, "display_name": "K"}
        )
        token = (
            await client.post("/auth/token", data={"username": "k@example.com", "password": "x" * 12})
        ).json()
        assert (await client.get("/auth/me", headers=bearer(token["access_token"]))).status_code == 200
        jwt.decode(token["access_token"], public.read_text(), algorithms=["EdDSA"], audience="quant-platform")
        kid = (await client.get("/auth/jwks.json")).json()["keys"][0]["kid"]
    before = private.read_bytes()
    async with running_app(create_app(own, UserSettings(_env_file=None))) as client:
        assert (await client.get("/auth/jwks.json")).json()["keys"][0]["kid"] == kid
        assert (await client.get("/auth/me", headers=bearer(token["access_token"]))).status_code == 200
    assert private.read_bytes() == before
