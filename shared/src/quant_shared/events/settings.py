"""Event and broker settings, read from the environment (prefix ``QUANT_EVENTS_``)."""

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class EventSettings(BaseSettings):
    """Which bus carries events (in-process by default) and how the NATS JetStream one behaves."""

    model_config = SettingsConfigDict(env_prefix="QUANT_EVENTS_", env_file=".env", extra="ignore")

    backend: Literal["inprocess", "nats"] = Field(
        default="inprocess",
        description="'inprocess' (embedded default) or 'nats' (NATS JetStream broker).",
    )
    nats_url: str = Field(default="nats://127.0.0.1:4222", description="NATS server URL(s), comma-separated.")
    namespace: str = Field(
        default="quant",
        pattern=r"^[A-Za-z0-9_-]+$",
        description="Prefix of subjects, streams and consumers (one platform instance per namespace).",
    )
    max_deliver: int = Field(
        default=5, ge=1, description="Deliveries of one event to one handler before DLQ."
    )
    backoff_seconds: list[float] = Field(
        default_factory=lambda: [1.0, 5.0, 30.0, 120.0],
        description="Delay before redelivery after the n-th failure (the last value repeats).",
    )
    ack_wait_seconds: float = Field(default=60.0, gt=0, description="Redelivery when a handler neither acks.")
    duplicate_window_seconds: float = Field(default=600.0, gt=0, description="Broker de-duplication window.")
    retention_days: float = Field(default=7.0, gt=0, description="How long the events stream keeps events.")
    publish_timeout_seconds: float = Field(default=5.0, gt=0)
    outbox_interval_seconds: float = Field(default=1.0, gt=0, description="Outbox relay polling interval.")

    @property
    def events_stream(self) -> str:
        return f"{self.namespace.upper()}_EVENTS"

    @property
    def dead_letter_stream(self) -> str:
        return f"{self.namespace.upper()}_DEAD_LETTERS"

    def subject(self, event_type: str) -> str:
        return f"{self.namespace}.events.{event_type}"

    def dead_letter_subject(self, handler: str) -> str:
        return f"{self.namespace}.dlq.{handler}"

    def backoff(self, failures: int) -> float:
        """Delay after the ``failures``-th failed delivery (1-based)."""
        if not self.backoff_seconds:
            return 0.0
        return self.backoff_seconds[min(failures, len(self.backoff_seconds)) - 1]
