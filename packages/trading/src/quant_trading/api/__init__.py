"""The trading domain's routers and documents, exported for composition."""

# First: the engine package's __init__ (numba, pandas, SciPy) waits for its first use (see there).
from quant_trading.api import lazy_engine  # noqa: F401

# isort: split
from fastapi import APIRouter, FastAPI

from quant_shared.allocator import keep_freed_memory
from quant_shared.domain import DomainSpec
from quant_shared.warm import warm_on_start
from quant_trading import __version__
from quant_trading.api import (
    backtests,
    optimization,
    paper_runs,
    portfolio,
    signals,
    strategies,
    strategy_templates,
    webhooks,
)
from quant_trading.api.admin import backtests as admin_backtests
from quant_trading.api.admin import paper_runs as admin_paper_runs
from quant_trading.api.tags import TAGS
from quant_trading.models import DOCUMENTS
from quant_trading.services.event_subscriptions import subscribe_events
from quant_trading.services.optimization.pool_process import warm_up
from quant_trading.services.optimization.trial_pool import (
    close_trial_pool,
    start_for_worker,
    start_in_background,
)
from quant_trading.services.recovery import fail_interrupted_runs, sweep_task_inputs
from quant_trading.services.strategies.template_service import seed_builtin_templates
from quant_trading.services.webhooks.webhook_sender import start_webhook_sender, stop_webhook_sender

router = APIRouter()
for module in (backtests, strategies, strategy_templates, optimization, signals, portfolio, admin_backtests):
    router.include_router(module.router)
for module in (paper_runs, admin_paper_runs, webhooks):
    router.include_router(module.router)


async def _keep_freed_memory(app: FastAPI) -> None:
    """Freed memory kept for reuse (``QUANT_MALLOC_KEEP_MB``) where the engine runs: this domain's API
    and worker processes, before any backtest or trial (the trial pool's processes: ``trial_pool``)."""
    keep_freed_memory(app.state.settings.malloc_keep_mb)


async def _seed_templates(app: FastAPI) -> None:
    await seed_builtin_templates()


async def _fail_interrupted_runs(app: FastAPI) -> None:
    await fail_interrupted_runs()
    await sweep_task_inputs()


DOMAIN = DomainSpec(
    name="trading",
    router=router,
    documents=DOCUMENTS,
    tags=TAGS,
    version=__version__,
    on_startup=(
        _keep_freed_memory,
        _seed_templates,
        _fail_interrupted_runs,
        subscribe_events,
        start_in_background,
        warm_on_start(warm_up),
        start_webhook_sender,
    ),
    on_shutdown=(stop_webhook_sender, close_trial_pool),
    on_worker_start=(start_for_worker,),  # the trial pool and the engine warm before the first task
)

__all__ = ["DOCUMENTS", "DOMAIN", "TAGS", "router"]
