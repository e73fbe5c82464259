"""NATS connection and the JetStream streams the platform creates itself."""

import asyncio
import logging
import re

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext
from nats.js.api import RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError

log = logging.getLogger("quant.events")


async def _on_error(exc: Exception) -> None:
    log.warning("nats: %s", exc or type(exc).__name__)


async def _on_disconnected() -> None:
    log.info("nats: disconnected")


async def _on_reconnected() -> None:
    log.warning("nats: reconnected")


async def connect(url: str, name: str, timeout: float = 5.0) -> Client:
    """A connection that reconnects forever once made: a broker restart is a pause, not an error.

    The first connection is bounded by ``timeout`` (nats-py would otherwise retry it forever).
    """
    return await asyncio.wait_for(_connect(url, name), timeout)


async def _connect(url: str, name: str) -> Client:
    return await nats.connect(
        error_cb=_on_error,
        disconnected_cb=_on_disconnected,
        reconnected_cb=_on_reconnected,
        servers=[u.strip() for u in url.split(",") if u.strip()],
        name=name,
        connect_timeout=2,
        allow_reconnect=True,
        max_reconnect_attempts=-1,
        reconnect_time_wait=0.5,
    )


async def ensure_stream(js: JetStreamContext, config: StreamConfig) -> None:
    """Create the stream, or bring an existing one to ``config``."""
    try:
        await js.add_stream(config)
    except BadRequestError:
        await js.update_stream(config)


def events_stream(name: str, namespace: str, max_age_s: float, duplicate_window_s: float) -> StreamConfig:
    return StreamConfig(
        name=name,
        subjects=[f"{namespace}.events.>"],
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        max_age=max_age_s,
        duplicate_window=duplicate_window_s,
    )


def dead_letter_stream(name: str, namespace: str) -> StreamConfig:
    return StreamConfig(
        name=name,
        subjects=[f"{namespace}.dlq.>"],
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
    )


def work_queue_stream(name: str, namespace: str, duplicate_window_s: float) -> StreamConfig:
    return StreamConfig(
        name=name,
        subjects=[f"{namespace}.tasks.>"],
        retention=RetentionPolicy.WORK_QUEUE,
        storage=StorageType.FILE,
        duplicate_window=duplicate_window_s,
    )


def durable_name(*parts: str) -> str:
    """A valid consumer name (no dots, spaces or wildcards) from handler/type names."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", "__".join(parts))
