"""The trading domain's routers and documents, exported for composition."""

import asyncio

from fastapi import APIRouter, FastAPI

from quant_shared.domain import DomainSpec
from quant_shared.enums import StrategyType
from quant_trading import __version__
from quant_trading.api import backtests, optimization, portfolio, signals, strategies, strategy_templates
from quant_trading.api.admin import backtests as admin_backtests
from quant_trading.api.tags import TAGS
from quant_trading.models import DOCUMENTS
from quant_trading.services.event_subscriptions import subscribe_events
from quant_trading.services.optimization_worker import warm_up
from quant_trading.services.recovery import fail_interrupted_runs, sweep_task_inputs
from quant_trading.services.template_service import seed_builtin_templates

router = APIRouter()
for module in (backtests, strategies, strategy_templates, optimization, signals, portfolio, admin_backtests):
    router.include_router(module.router)


async def _seed_templates(app: FastAPI) -> None:
    await seed_builtin_templates()


async def _fail_interrupted_runs(app: FastAPI) -> None:
    await fail_interrupted_runs()
    await sweep_task_inputs()


async def _warm_engine(app: FastAPI) -> None:
    """A worker loads the engine's compiled code (simulation, KPIs: about a second) before its first task."""
    await asyncio.to_thread(warm_up, StrategyType.SMA_CROSSOVER.value)


DOMAIN = DomainSpec(
    name="trading",
    router=router,
    documents=DOCUMENTS,
    tags=TAGS,
    version=__version__,
    on_startup=(_seed_templates, _fail_interrupted_runs, subscribe_events),
    on_worker_start=(_warm_engine,),
)

__all__ = ["DOCUMENTS", "DOMAIN", "TAGS", "router"]
