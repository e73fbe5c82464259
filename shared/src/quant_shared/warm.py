"""Start-up hook loading heavy compiled code (the backtest engine, scikit-learn) in a thread while the
API serves, when the ``warm_on_start`` setting asks for it."""

import asyncio
from collections.abc import Callable

from fastapi import FastAPI

from quant_shared.domain import Hook


def warm_on_start(load: Callable[[], None]) -> Hook:
    """A domain start-up hook running ``load`` off the event loop (its task kept on ``app.state``)."""

    async def hook(app: FastAPI) -> None:
        if app.state.settings.warm_on_start:
            task = asyncio.create_task(asyncio.to_thread(load))
            app.state.warm_tasks = [*getattr(app.state, "warm_tasks", []), task]

    return hook
