"""Task execution settings, read from the environment (prefix ``QUANT_WORKERS_``)."""

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class WorkerSettings(BaseSettings):
    """Where dispatched tasks run: in this process (default) or on ``quant worker`` processes via NATS."""

    model_config = SettingsConfigDict(env_prefix="QUANT_WORKERS_", env_file=".env", extra="ignore")

    backend: Literal["inprocess", "nats"] = Field(
        default="inprocess",
        description="'inprocess' (embedded default) or 'nats' (worker processes).",
    )
    nats_url: str = Field(default="nats://127.0.0.1:4222", description="NATS server URL(s), comma-separated.")
    namespace: str = Field(default="quant", pattern=r"^[A-Za-z0-9_-]+$", description="Subject/stream prefix.")
    queue: str = Field(default="default", pattern=r"^[A-Za-z0-9_-]+$", description="Queue workers serve.")
    concurrency: int = Field(default=1, ge=1, le=64, description="Tasks one worker process runs at once.")
    ack_wait_seconds: float = Field(
        default=30.0,
        gt=0,
        description="A task whose worker stops beating for this long is redelivered.",
    )
    max_attempts: int = Field(default=3, ge=1, description="Deliveries before a task is marked failed.")
    publish_timeout_seconds: float = Field(default=5.0, gt=0)
    input_cache_mb: int = Field(
        default=256, ge=0, description="Memory per process for recently used task inputs (0: none)."
    )

    @property
    def stream(self) -> str:
        return f"{self.namespace.upper()}_TASKS"

    def subject(self, queue: str | None = None) -> str:
        return f"{self.namespace}.tasks.{queue or self.queue}"

    def durable(self, queue: str | None = None) -> str:
        return f"{self.namespace}_workers_{queue or self.queue}"
