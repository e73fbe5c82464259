"""The gen ai domain deployed alone."""

from fastapi import FastAPI

from quant_gen_ai.api import DOMAIN
from quant_shared.app_factory import create_domain_app
from quant_shared.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    return create_domain_app(DOMAIN, settings)
