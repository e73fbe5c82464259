"""Gen-AI settings (env prefix ``QUANT_GEN_AI_``): the LLM server, or none for the offline provider."""

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class GenAISettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QUANT_GEN_AI_", env_file=".env", extra="ignore")

    llm_base_url: str | None = Field(
        default=None,
        description="Base URL of an OpenAI-compatible server (e.g. https://api.openai.com/v1, "
        "http://127.0.0.1:11434/v1); unset = the offline deterministic provider.",
    )
    llm_api_key: SecretStr | None = Field(default=None, description="Bearer key sent to the LLM server.")
    llm_model: str = Field(default="gpt-4o-mini", description="Model name sent with every request.")
    llm_timeout_seconds: float = Field(default=60.0, gt=0, description="Read timeout of one LLM request.")
    llm_connect_timeout_seconds: float = Field(default=5.0, gt=0, description="Connect timeout.")
    llm_max_retries: int = Field(default=3, ge=0, le=10, description="Retries on 429/5xx/connection errors.")
    llm_backoff_seconds: float = Field(default=0.5, ge=0, description="First backoff delay (doubles).")
    llm_max_backoff_seconds: float = Field(default=20.0, ge=0, description="Cap of one backoff delay.")
    llm_temperature: float = Field(default=0.2, ge=0, le=2)
    prompt_render_seconds: float = Field(
        default=1.0, gt=0, description="Longest a prompt render (variables check + templates) may run."
    )
