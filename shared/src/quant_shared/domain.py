"""What a domain package exports for composition: its router, documents, tags and hooks."""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from beanie import Document
from fastapi import APIRouter, FastAPI

Hook = Callable[[FastAPI], Awaitable[None]]


@dataclass(frozen=True)
class DomainSpec:
    """A domain as the app factory and the gateway see it.

    ``name`` is the domain key (database ``<prefix>_<name>``, service URL key), ``tags`` the OpenAPI
    tag metadata of its router groups in display order.
    """

    name: str
    router: APIRouter
    documents: Sequence[type[Document]] = ()
    tags: Sequence[dict[str, Any]] = ()
    version: str = "0.1.0"
    on_startup: Sequence[Hook] = field(default_factory=tuple)
    on_shutdown: Sequence[Hook] = field(default_factory=tuple)
    on_worker_start: Sequence[Hook] = field(default_factory=tuple)  # a worker runs them before its first task
