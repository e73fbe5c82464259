"""``/admin/users``: search accounts, change roles, (de)activate, delete (admin role)."""

from fastapi import APIRouter, Depends, Query, Request, Response, status

from quant_shared.auth import AdminUser
from quant_shared.enums import Role
from quant_shared.pagination import Page, PageParams, page_params
from quant_user.api.auth import user_out
from quant_user.api.deps import UserAdminServiceDep
from quant_user.schemas.admin_users import RolesIn
from quant_user.schemas.auth import UserOut
from quant_user.services.account_service import find_user

router = APIRouter(prefix="/admin/users", tags=["Admin Users"])


@router.get("", response_model=Page[UserOut], summary="Search accounts (e-mail or name), paged")
async def list_users(
    service: UserAdminServiceDep,
    q: str | None = Query(None, max_length=100, description="Part of the e-mail address or display name."),
    role: Role | None = Query(None),
    active: bool | None = Query(None),
    params: PageParams = Depends(page_params),
) -> dict:
    return await service.search(params, q, role, active, user_out)


@router.get("/{user_id}", response_model=UserOut, summary="One account")
async def get_user(_: AdminUser, user_id: str) -> UserOut:
    return user_out(await find_user(user_id))


@router.put("/{user_id}/roles", response_model=UserOut, summary="Set an account's roles (ends its sessions)")
async def set_roles(service: UserAdminServiceDep, user_id: str, body: RolesIn) -> UserOut:
    return user_out(await service.set_roles(user_id, body.roles))


@router.post("/{user_id}/deactivate", response_model=UserOut, summary="Deactivate an account")
async def deactivate_user(service: UserAdminServiceDep, user_id: str) -> UserOut:
    return user_out(await service.set_active(user_id, False))


@router.post("/{user_id}/reactivate", response_model=UserOut, summary="Reactivate an account")
async def reactivate_user(service: UserAdminServiceDep, user_id: str) -> UserOut:
    return user_out(await service.set_active(user_id, True))


@router.delete(
    "/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete an account and announce it (UserDeleted)",
)
async def delete_user(service: UserAdminServiceDep, request: Request, user_id: str) -> Response:
    await service.delete(user_id, request.app.state.outbox)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
