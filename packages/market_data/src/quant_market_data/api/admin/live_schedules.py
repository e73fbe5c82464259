"""``/admin/market-data/live-schedules``: the series kept current from a provider, bar by bar."""

from fastapi import APIRouter, Depends, Response, status

from quant_market_data.api.tags import ADMIN
from quant_market_data.schemas.live_schedule import LiveScheduleCreate, LiveScheduleOut, LiveScheduleUpdate
from quant_market_data.services import live_schedules
from quant_shared.auth import AdminUser
from quant_shared.pagination import Page, PageParams, page_params, paginate

router = APIRouter(prefix="/admin/market-data/live-schedules", tags=[ADMIN])


def schedule_out(schedule) -> LiveScheduleOut:
    return LiveScheduleOut.model_validate(schedule)


@router.post(
    "",
    response_model=LiveScheduleOut,
    status_code=status.HTTP_201_CREATED,
    summary="Keep a series current: poll its provider and append each closed bar",
)
async def create_live_schedule(principal: AdminUser, body: LiveScheduleCreate) -> LiveScheduleOut:
    return schedule_out(await live_schedules.create_schedule(body))


@router.get("", response_model=Page[LiveScheduleOut], summary="List live-bar schedules")
async def list_live_schedules(principal: AdminUser, page: PageParams = Depends(page_params)) -> dict:
    return await paginate(live_schedules.list_schedules(), page, sort="_id", convert=schedule_out)


@router.get("/{schedule_id}", response_model=LiveScheduleOut, summary="Get a live-bar schedule")
async def get_live_schedule(principal: AdminUser, schedule_id: str) -> LiveScheduleOut:
    return schedule_out(await live_schedules.get_schedule(schedule_id))


@router.patch("/{schedule_id}", response_model=LiveScheduleOut, summary="Pause, resume or re-time a schedule")
async def update_live_schedule(
    principal: AdminUser, schedule_id: str, body: LiveScheduleUpdate
) -> LiveScheduleOut:
    return schedule_out(await live_schedules.update_schedule(schedule_id, body))


@router.delete(
    "/{schedule_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Stop keeping a series current"
)
async def delete_live_schedule(principal: AdminUser, schedule_id: str) -> Response:
    await live_schedules.delete_schedule(schedule_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
