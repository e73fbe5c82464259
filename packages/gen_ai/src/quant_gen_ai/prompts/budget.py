"""Untrusted prompt work (rendering a template, checking variables against a schema) off the event
loop, in a small thread pool, each call cut off at its deadline.

A template is Python code once Jinja compiles it, so the worker thread traces its own execution
(``sys.settrace``, that thread only) and stops the call at the first traced event past the deadline:
nested loops of billions of iterations end after the budget instead of freezing the process. Work
that runs inside one C call cannot be traced, which is why the sandbox refuses huge repetitions and
powers, and schema patterns run on a linear-time regular-expression engine (``schema_patterns.py``).
"""

import asyncio
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
WORKERS = 2  # at most this many untrusted calls at once; more wait for a free thread


class BudgetExceeded(BaseException):
    """The call ran past its deadline and was stopped (a BaseException: no ``except Exception`` in
    the untrusted code's path may swallow it)."""


_EXECUTOR = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="prompt-budget")


def _within(seconds: float, fn: Callable[..., T], *args: Any) -> T:
    deadline = time.monotonic() + seconds  # from the start of the work, not of the wait for a thread

    def trace(frame, event, arg):  # noqa: ARG001 - the settrace signature
        if time.monotonic() > deadline:
            raise BudgetExceeded
        return trace

    sys.settrace(trace)
    try:
        return fn(*args)
    finally:
        sys.settrace(None)


async def run_limited(seconds: float, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)`` in the pool; ``BudgetExceeded`` when it runs longer than ``seconds``."""
    return await asyncio.get_running_loop().run_in_executor(_EXECUTOR, _within, seconds, fn, *args)
