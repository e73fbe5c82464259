"""``/admin/system``: services' versions and health, database statistics, backup and restore."""

from fastapi import APIRouter, Depends, Request, status

from quant_gateway import __version__
from quant_gateway.system.backup import BackupService
from quant_gateway.system.context import database_domains, directory_of
from quant_gateway.system.db_stats import database_stats
from quant_gateway.system.directory import overall_status
from quant_gateway.system.schemas import BackupOut, DatabaseStats, RestoreOut, SystemOverview
from quant_shared.auth import Principal, require_admin
from quant_shared.errors import ServiceUnavailableError
from quant_shared.health import database_health

ADMIN_SYSTEM_TAG = {
    "name": "Admin System",
    "description": "Administration of the platform: services' versions and health, database statistics, "
    "backups and restores, and the events a handler gave up on (dead letters: list, replay) (admin role).",
}

router = APIRouter(prefix="/admin/system", tags=["Admin System"])


def _mongo(request: Request):
    client = getattr(request.app.state, "mongo", None)
    if client is None:
        raise ServiceUnavailableError("The gateway has no database connection (QUANT_MONGODB_URL)")
    return client


async def backup_service(request: Request) -> BackupService:
    return BackupService(_mongo(request), request.app.state.settings, database_domains(request.app))


@router.get("", response_model=SystemOverview, summary="Every service's version and health")
async def system_overview(request: Request, _: Principal = Depends(require_admin)) -> SystemOverview:
    directory = directory_of(request.app)
    services = await directory.probe_all(await database_health(request))
    return SystemOverview(
        mode=directory.mode, version=__version__, status=overall_status(services), services=services
    )


@router.get(
    "/databases", response_model=list[DatabaseStats], summary="Collections, counts and sizes per domain"
)
async def system_databases(request: Request, _: Principal = Depends(require_admin)) -> list[DatabaseStats]:
    client, settings = _mongo(request), request.app.state.settings
    return [await database_stats(client, settings, d) for d in database_domains(request.app)]


@router.get(
    "/backups", response_model=list[BackupOut], summary="Backups on the gateway's data folder, newest first"
)
async def list_backups(
    _: Principal = Depends(require_admin), service: BackupService = Depends(backup_service)
) -> list[BackupOut]:
    return service.list_all()


@router.post(
    "/backups",
    response_model=BackupOut,
    status_code=status.HTTP_201_CREATED,
    summary="Export every domain's collections to a timestamped archive",
)
async def create_backup(
    _: Principal = Depends(require_admin), service: BackupService = Depends(backup_service)
) -> BackupOut:
    return await service.create()


@router.post(
    "/backups/{name}/restore",
    response_model=RestoreOut,
    summary="Replace the archived collections' content with the archive's documents",
)
async def restore_backup(
    name: str, _: Principal = Depends(require_admin), service: BackupService = Depends(backup_service)
) -> RestoreOut:
    return await service.restore(name)
