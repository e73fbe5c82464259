"""``/admin/events``: dead letters of the event bus (include it in a domain's or the gateway's router)."""

from fastapi import APIRouter, Depends, Path, Query, Request, status

from quant_shared.auth import Principal, require_admin
from quant_shared.events import admin_service
from quant_shared.events.dead_letter import DeadLetter

# one of the platform's administration operations: the gateway's "Admin System" tag describes them
router = APIRouter(prefix="/admin/events", tags=["Admin System"])


@router.get("/dead-letters", response_model=list[DeadLetter], summary="List dead-lettered events")
async def list_dead_letters(
    request: Request,
    handler: str | None = Query(None, max_length=200, description="Only this handler's dead letters."),
    limit: int = Query(100, ge=1, le=1000),
    _: Principal = Depends(require_admin),
) -> list[DeadLetter]:
    bus = admin_service.event_bus_of(request.app)
    return await admin_service.list_dead_letters(bus, handler=handler, limit=limit)


@router.post(
    "/dead-letters/{dead_letter_id}/replay",
    response_model=DeadLetter,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Deliver a dead-lettered event to its handler again",
)
async def replay_dead_letter(
    request: Request,
    dead_letter_id: str = Path(max_length=64, pattern=r"^[A-Za-z0-9_-]+$"),
    _: Principal = Depends(require_admin),
) -> DeadLetter:
    bus = admin_service.event_bus_of(request.app)
    return await admin_service.replay_dead_letter(bus, dead_letter_id)
