"""FastAPI dependencies of the user domain's routers."""

from fastapi import Depends, Request

from quant_shared.auth import Principal, require_user
from quant_shared.errors import ServiceUnavailableError
from quant_shared.http import ServiceClients, service_clients
from quant_user.services.account_service import AccountService
from quant_user.services.context import UserContext
from quant_user.services.symbol_validator import SymbolValidator
from quant_user.services.token_service import TokenService
from quant_user.services.watchlist_service import WatchlistService


async def user_context(request: Request) -> UserContext:
    ctx = getattr(request.app.state, "user_context", None)
    if ctx is None:
        raise ServiceUnavailableError("The user domain has not started")
    return ctx


async def token_service(ctx: UserContext = Depends(user_context)) -> TokenService:
    return TokenService(ctx)


async def account_service(ctx: UserContext = Depends(user_context)) -> AccountService:
    return AccountService(ctx.user_settings)


async def watchlist_service(
    principal: Principal = Depends(require_user),
    ctx: UserContext = Depends(user_context),
    clients: ServiceClients = Depends(service_clients),
) -> WatchlistService:
    return WatchlistService(principal.user_id, ctx.user_settings, SymbolValidator(clients, principal))


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None
