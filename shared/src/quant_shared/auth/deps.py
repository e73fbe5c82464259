"""FastAPI dependencies: ``require_user`` and ``require_admin``, and their ``Annotated`` aliases."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from quant_shared.auth.principal import Principal
from quant_shared.auth.verifier import TokenVerifier
from quant_shared.errors import ForbiddenError, UnauthorizedError

# tokenUrl points at the user domain's OAuth2 password endpoint, so /docs "Authorize" works.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)


def get_verifier(request: Request) -> TokenVerifier:
    verifier = getattr(request.app.state, "token_verifier", None)
    if verifier is None:
        raise UnauthorizedError("Authentication is not configured on this service")
    return verifier


async def optional_user(request: Request, token: str | None = Depends(oauth2_scheme)) -> Principal | None:
    if not token:
        return None
    principal = await get_verifier(request).verify(token)
    request.state.principal = principal
    return principal


async def require_user(principal: Principal | None = Depends(optional_user)) -> Principal:
    if principal is None:
        raise UnauthorizedError("Missing bearer token")
    return principal


async def require_admin(principal: Principal = Depends(require_user)) -> Principal:
    if not principal.is_admin:
        raise ForbiddenError("This operation needs the admin role")
    return principal


CurrentUser = Annotated[Principal, Depends(require_user)]
AdminUser = Annotated[Principal, Depends(require_admin)]
