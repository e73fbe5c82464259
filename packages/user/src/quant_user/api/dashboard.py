"""``/dashboard``: your overview from every domain, and its layout."""

from fastapi import APIRouter, Depends

from quant_shared.auth import Principal, require_user
from quant_shared.http import ServiceClients, service_clients
from quant_user.api.deps import user_context
from quant_user.schemas.dashboard import DashboardOut, LayoutIn, LayoutOut
from quant_user.services.context import UserContext
from quant_user.services.dashboard_service import DashboardService, layout_of, save_layout
from quant_user.services.dashboard_sources import DashboardSources
from quant_user.services.watchlist_service import WatchlistService

router = APIRouter(prefix="/dashboard", tags=["Dashboard"])


@router.get("", response_model=DashboardOut, summary="Your dashboard (sections in your layout's order)")
async def get_dashboard(
    principal: Principal = Depends(require_user),
    ctx: UserContext = Depends(user_context),
    clients: ServiceClients = Depends(service_clients),
) -> DashboardOut:
    watchlists = await WatchlistService(principal.user_id, ctx.user_settings).list_all()
    sources = DashboardSources(clients, principal, watchlists)
    service = DashboardService(sources, ctx.user_settings.dashboard_section_timeout_seconds)
    return await service.build(await layout_of(principal.user_id))


@router.get("/layout", response_model=LayoutOut, summary="Your dashboard layout")
async def get_layout(principal: Principal = Depends(require_user)) -> LayoutOut:
    return LayoutOut(sections=await layout_of(principal.user_id))


@router.put("/layout", response_model=LayoutOut, summary="Choose and order your dashboard sections")
async def put_layout(body: LayoutIn, principal: Principal = Depends(require_user)) -> LayoutOut:
    return LayoutOut(sections=await save_layout(principal.user_id, body.sections))
