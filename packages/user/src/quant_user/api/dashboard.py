"""``/dashboard``: your overview from every domain, and its layout."""

from fastapi import APIRouter

from quant_shared.auth import CurrentUser
from quant_user.api.deps import ServiceClientsDep, UserContextDep, WatchlistServiceDep
from quant_user.schemas.dashboard import DashboardOut, LayoutIn, LayoutOut
from quant_user.services.dashboard_service import DashboardService, layout_of, save_layout
from quant_user.services.dashboard_sources import DashboardSources

router = APIRouter(prefix="/dashboard", tags=["Dashboard"])


@router.get("", response_model=DashboardOut, summary="Your dashboard (sections in your layout's order)")
async def get_dashboard(
    principal: CurrentUser, ctx: UserContextDep, clients: ServiceClientsDep, watchlists: WatchlistServiceDep
) -> DashboardOut:
    sources = DashboardSources(clients, principal, await watchlists.list_all())
    service = DashboardService(sources, ctx.user_settings.dashboard_section_timeout_seconds)
    return await service.build(await layout_of(principal.user_id))


@router.get("/layout", response_model=LayoutOut, summary="Your dashboard layout")
async def get_layout(principal: CurrentUser) -> LayoutOut:
    return LayoutOut(sections=await layout_of(principal.user_id))


@router.put("/layout", response_model=LayoutOut, summary="Choose and order your dashboard sections")
async def put_layout(principal: CurrentUser, body: LayoutIn) -> LayoutOut:
    return LayoutOut(sections=await save_layout(principal.user_id, body.sections))
