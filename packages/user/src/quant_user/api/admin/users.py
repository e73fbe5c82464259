"""``/admin/users``: search accounts, change roles, (de)activate, delete (admin role)."""

from fastapi import APIRouter, Depends, Query, Request, Response, status

from quant_shared.auth import Principal, require_admin
from quant_shared.enums import Role
from quant_shared.pagination import Page, PageParams, page_params
from quant_user.api.auth import user_out
from quant_user.api.deps import token_service
from quant_user.schemas.admin_users import RolesIn
from quant_user.schemas.auth import UserOut
from quant_user.services.account_service import find_user
from quant_user.services.token_service import TokenService
from quant_user.services.user_admin_service import UserAdminService

router = APIRouter(prefix="/admin/users", tags=["Admin Users"])


async def admin_service(
    principal: Principal = Depends(require_admin), tokens: TokenService = Depends(token_service)
) -> UserAdminService:
    return UserAdminService(principal.user_id, tokens)


@router.get("", response_model=Page[UserOut], summary="Search accounts (e-mail or name), paged")
async def list_users(
    q: str | None = Query(None, max_length=100, description="Part of the e-mail address or display name."),
    role: Role | None = Query(None),
    active: bool | None = Query(None),
    params: PageParams = Depends(page_params),
    service: UserAdminService = Depends(admin_service),
) -> dict:
    return await service.search(params, q, role, active, user_out)


@router.get("/{user_id}", response_model=UserOut, summary="One account")
async def get_user(user_id: str, _: Principal = Depends(require_admin)) -> UserOut:
    return user_out(await find_user(user_id))


@router.put("/{user_id}/roles", response_model=UserOut, summary="Set an account's roles (ends its sessions)")
async def set_roles(
    user_id: str, body: RolesIn, service: UserAdminService = Depends(admin_service)
) -> UserOut:
    return user_out(await service.set_roles(user_id, body.roles))


@router.post("/{user_id}/deactivate", response_model=UserOut, summary="Deactivate an account")
async def deactivate_user(user_id: str, service: UserAdminService = Depends(admin_service)) -> UserOut:
    return user_out(await service.set_active(user_id, False))


@router.post("/{user_id}/reactivate", response_model=UserOut, summary="Reactivate an account")
async def reactivate_user(user_id: str, service: UserAdminService = Depends(admin_service)) -> UserOut:
    return user_out(await service.set_active(user_id, True))


@router.delete(
    "/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an account and announce it (UserDeleted)",
)
async def delete_user(
    request: Request, user_id: str, service: UserAdminService = Depends(admin_service)
) -> Response:
    await service.delete(user_id, request.app.state.outbox)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
