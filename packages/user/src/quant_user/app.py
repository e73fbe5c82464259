"""The user domain deployed alone."""

from fastapi import FastAPI

from quant_shared.app_factory import create_domain_app
from quant_shared.settings import Settings
from quant_user.api import DOMAIN
from quant_user.settings import UserSettings


def create_app(settings: Settings | None = None, user_settings: UserSettings | None = None) -> FastAPI:
    app = create_domain_app(DOMAIN, settings)
    if user_settings is not None:
        app.state.user_settings = user_settings
    return app
