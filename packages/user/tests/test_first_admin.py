"""The first admin: from environment settings at start-up, or from the command line; never defaulted."""

import io

import pytest

from quant_shared.testing import running_app
from quant_user import create_admin
from quant_user.app import create_app
from quant_user.settings import UserSettings

from .conftest import login


async def test_admin_from_settings_at_first_start(settings, user_settings):
    configured = user_settings.model_copy(update={"admin_email": "Root@Example.com", "admin_password": None})
    async with running_app(create_app(settings, configured)) as client:  # no password: no admin
        assert (
            await client.post("/auth/token", data={"username": "root@example.com", "password": "x"})
        ).status_code == 401
    env = UserSettings(_env_file=None, admin_email="Root@Example.com", admin_password="a-strong-secret")
    env = env.model_copy(update={"jwt_private_key_file": user_settings.jwt_private_key_file})
    async with running_app(create_app(settings, env)) as client:
        tokens = await login(client, "root@example.com", "a-strong-secret")
        from quant_shared.testing import bearer

        me = (await client.get("/auth/me", headers=bearer(tokens["access_token"]))).json()
        assert me["roles"] == ["user", "admin"]
        assert (await client.get("/admin/users", headers=bearer(tokens["access_token"]))).json()["total"] == 1


async def test_command_line_creates_then_promotes(settings):
    message = await create_admin.run("cli@example.com", "long-enough-pw", "CLI", settings)
    assert message.startswith("created admin cli@example.com")
    again = await create_admin.run("CLI@example.com", "long-enough-pw", "CLI", settings)
    assert again.startswith("promoted admin cli@example.com")
    with pytest.raises(ValueError, match="at least 10"):
        await create_admin.run("x@example.com", "short", "X", settings)


def test_password_is_read_from_piped_stdin():
    assert create_admin.read_password(io.StringIO("s3cret-password\n")) == "s3cret-password"
