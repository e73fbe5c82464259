"""Start-up and shut-down hooks of the gen-AI domain."""

import logging

from fastapi import FastAPI

from quant_gen_ai.llm import OfflineProvider, OpenAICompatibleProvider
from quant_gen_ai.services.event_subscriptions import subscribe_events
from quant_gen_ai.services.offline_writers import OFFLINE_WRITERS
from quant_gen_ai.services.prompt_seed import seed_builtin_prompts
from quant_gen_ai.settings import GenAISettings

log = logging.getLogger("quant.gen_ai")


def build_provider(settings: GenAISettings):
    if settings.llm_base_url:
        return OpenAICompatibleProvider(settings)
    return OfflineProvider(OFFLINE_WRITERS)


async def start_gen_ai(app: FastAPI) -> None:
    """Provider from ``app.state.gen_ai_settings`` (or the environment); built-in prompts seeded."""
    settings = getattr(app.state, "gen_ai_settings", None) or GenAISettings()
    app.state.gen_ai_settings = settings
    app.state.llm_provider = build_provider(settings)
    log.info("gen-ai LLM provider: %s (%s)", app.state.llm_provider.kind, app.state.llm_provider.model)
    await seed_builtin_prompts(app)
    await subscribe_events(app)


async def stop_gen_ai(app: FastAPI) -> None:
    provider = getattr(app.state, "llm_provider", None)
    if provider is not None:
        await provider.aclose()
