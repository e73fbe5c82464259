"""FastAPI dependencies of the user domain's routers, as ``Annotated`` aliases."""

from typing import Annotated

from fastapi import Depends, Request

from quant_shared.auth import AdminUser, CurrentUser
from quant_shared.errors import ServiceUnavailableError
from quant_shared.http import ServiceClients, service_clients
from quant_user.services.account_service import AccountService
from quant_user.services.context import UserContext
from quant_user.services.symbol_validator import SymbolValidator
from quant_user.services.token_service import TokenService
from quant_user.services.user_admin_service import UserAdminService
from quant_user.services.watchlist_service import WatchlistService


async def user_context(request: Request) -> UserContext:
    ctx = getattr(request.app.state, "user_context", None)
    if ctx is None:
        raise ServiceUnavailableError("The user domain has not started")
    return ctx


UserContextDep = Annotated[UserContext, Depends(user_context)]
ServiceClientsDep = Annotated[ServiceClients, Depends(service_clients)]


async def token_service(ctx: UserContextDep) -> TokenService:
    return TokenService(ctx)


async def account_service(ctx: UserContextDep) -> AccountService:
    return AccountService(ctx.user_settings)


async def watchlist_service(
    principal: CurrentUser, ctx: UserContextDep, clients: ServiceClientsDep
) -> WatchlistService:
    return WatchlistService(principal.user_id, ctx.user_settings, SymbolValidator(clients, principal))


TokenServiceDep = Annotated[TokenService, Depends(token_service)]
AccountServiceDep = Annotated[AccountService, Depends(account_service)]
WatchlistServiceDep = Annotated[WatchlistService, Depends(watchlist_service)]


async def user_admin_service(
    principal: AdminUser, tokens: TokenServiceDep, request: Request
) -> UserAdminService:
    return UserAdminService(principal.user_id, tokens, getattr(request.app.state, "outbox", None))


UserAdminServiceDep = Annotated[UserAdminService, Depends(user_admin_service)]


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None
