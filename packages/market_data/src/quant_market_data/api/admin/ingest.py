"""``POST /admin/market-data/ingest``: pull a symbol's bars from a provider as a task."""

from fastapi import APIRouter, Request, status

from quant_market_data.api.deps import BarIngestServiceDep
from quant_market_data.api.tags import ADMIN
from quant_market_data.providers.base import ProviderError
from quant_market_data.providers.registry import provider_for
from quant_market_data.schemas.ingest import IngestRequest
from quant_market_data.services.provider_ingest import run_ingest
from quant_market_data.settings import market_data_settings
from quant_shared.auth import AdminUser
from quant_shared.tasks import TaskAccepted, TaskContext

router = APIRouter(prefix="/admin/market-data/ingest", tags=[ADMIN])


@router.post(
    "",
    response_model=TaskAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Pull bars from a provider (synthetic, binance, yahoo) as a task",
)
async def ingest_from_provider(
    service: BarIngestServiceDep,
    principal: AdminUser,
    body: IngestRequest,
    request: Request,
) -> TaskAccepted:
    provider = provider_for(body.provider, market_data_settings(request.app))

    async def job(ctx: TaskContext) -> dict:
        try:
            return await run_ingest(body, provider, service, ctx)
        except ProviderError as exc:
            raise RuntimeError(f"{body.provider.value}: {exc}") from exc

    task = await request.app.state.task_runner.submit(
        kind="market_data_ingest",
        domain="market_data",
        owner_id=principal.user_id,
        fn=job,
        result_ref={"symbol": body.symbol.upper(), "interval": body.interval.value},
    )
    return TaskAccepted(task_id=str(task.id), status_url=f"/tasks/{task.id}", resource_id=body.symbol.upper())
