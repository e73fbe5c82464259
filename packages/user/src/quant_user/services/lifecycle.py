"""Start-up of the user domain: signing keys, the app's token verifier, the first admin."""

from fastapi import FastAPI

from quant_shared.settings import Settings
from quant_user.security.signing_keys import PRIVATE_NAME, load_or_create
from quant_user.services.context import UserContext
from quant_user.services.first_admin import bootstrap_admin
from quant_user.settings import UserSettings


def private_key_path(settings: Settings, user_settings: UserSettings):
    return user_settings.jwt_private_key_file or settings.data_dir / "keys" / PRIVATE_NAME


async def start_user_domain(app: FastAPI) -> None:
    settings: Settings = app.state.settings
    user_settings = getattr(app.state, "user_settings", None) or UserSettings()
    keys = load_or_create(private_key_path(settings, user_settings))
    app.state.user_context = UserContext(settings=settings, user_settings=user_settings, keys=keys)
    verifier = app.state.token_verifier
    if getattr(verifier, "_static_key", None) is None:
        verifier.set_public_key(keys.public_pem)
    await bootstrap_admin(user_settings)
