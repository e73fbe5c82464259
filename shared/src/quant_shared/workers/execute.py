"""Run a task function named by reference: the same code in-process and on any worker."""

import asyncio
import importlib
import inspect
import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from quant_shared.tasks import Task, TaskContext

log = logging.getLogger("quant.workers")


class JobContext(TaskContext):
    """``TaskContext`` (progress, cancellation) plus the app whose state the task may use and the
    attempt."""

    def __init__(self, task: Task, app: FastAPI | None = None, attempt: int = 1) -> None:
        super().__init__(task)
        self.app = app
        self.attempt = attempt


def resolve(ref: str) -> Callable[..., Any]:
    """``'package.module:function'`` (dots after the colon reach nested attributes) -> the callable."""
    module_name, _, qualname = ref.partition(":")
    target: Any = importlib.import_module(module_name)
    for part in qualname.split("."):
        target = getattr(target, part)
    if not callable(target):
        raise TypeError(f"{ref} is not callable")
    return target


async def run_job(ctx: JobContext, ref: str, args: dict[str, Any]) -> dict[str, Any] | None:
    """``async def fn(ctx, **args)`` runs on the loop; a plain ``def fn(**args)`` (CPU-bound) in a thread."""
    fn = resolve(ref)
    if inspect.iscoroutinefunction(fn):
        result = await fn(ctx, **args)
    else:
        result = await asyncio.to_thread(fn, **args)
    if result is not None and not isinstance(result, dict):
        raise TypeError(f"{ref} returned {type(result).__name__}, expected a dict or None")
    return result


async def run_on_failure(ctx: JobContext, ref: str | None, reason: str, args: dict[str, Any]) -> None:
    """The task's failure hook (``async def hook(ctx, reason, **args)``); its own error is only logged."""
    if ref is None:
        return
    try:
        await resolve(ref)(ctx, reason, **args)
    except Exception:
        log.exception("failure hook %s of task %s failed", ref, ctx.task.id)
