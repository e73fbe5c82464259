"""``/auth``: register, OAuth2 password login, refresh, logout, me, password, JWKS."""

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from quant_shared.auth import Principal, require_user
from quant_user.api.deps import account_service, client_ip, token_service, user_context
from quant_user.schemas.auth import (
    PasswordChangeIn,
    ProfileUpdateIn,
    RefreshIn,
    RegisterIn,
    TokenPairOut,
    UserOut,
)
from quant_user.services.account_service import AccountService, find_user
from quant_user.services.context import UserContext
from quant_user.services.token_service import TokenService

router = APIRouter(prefix="/auth", tags=["Auth"])


def user_out(user) -> UserOut:
    return UserOut(id=user.user_id, **user.model_dump(include=set(UserOut.model_fields) - {"id"}))


@router.post(
    "/register", response_model=UserOut, status_code=status.HTTP_201_CREATED, summary="Create an account"
)
async def register(body: RegisterIn, accounts: AccountService = Depends(account_service)) -> UserOut:
    return user_out(await accounts.register(body.email, body.password, body.display_name))


@router.post(
    "/token",
    response_model=TokenPairOut,
    summary="Log in (OAuth2 password flow: username = e-mail)",
    responses={401: {"description": "Wrong credentials"}, 429: {"description": "Too many failures"}},
)
async def login(
    request: Request,
    form: OAuth2PasswordRequestForm = Depends(),
    accounts: AccountService = Depends(account_service),
    tokens: TokenService = Depends(token_service),
) -> TokenPairOut:
    user = await accounts.authenticate(form.username, form.password, client_ip(request))
    return await tokens.issue_pair(user)


@router.post("/refresh", response_model=TokenPairOut, summary="Exchange a refresh token for a new pair")
async def refresh(body: RefreshIn, tokens: TokenService = Depends(token_service)) -> TokenPairOut:
    return await tokens.rotate(body.refresh_token)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, summary="Revoke a refresh token")
async def logout(
    body: RefreshIn,
    principal: Principal = Depends(require_user),
    tokens: TokenService = Depends(token_service),
) -> Response:
    await tokens.revoke(body.refresh_token, principal.user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=UserOut, summary="Your account")
async def me(principal: Principal = Depends(require_user)) -> UserOut:
    return user_out(await find_user(principal.user_id))


@router.patch("/me", response_model=UserOut, summary="Change your display name")
async def update_me(
    body: ProfileUpdateIn,
    principal: Principal = Depends(require_user),
    accounts: AccountService = Depends(account_service),
) -> UserOut:
    return user_out(await accounts.update_profile(principal.user_id, body.display_name))


@router.post(
    "/password",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Change your password (logs out other sessions)",
)
async def change_password(
    body: PasswordChangeIn,
    principal: Principal = Depends(require_user),
    accounts: AccountService = Depends(account_service),
    tokens: TokenService = Depends(token_service),
) -> Response:
    await accounts.change_password(principal.user_id, body.current_password, body.new_password)
    await tokens.revoke_all(principal.user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/jwks.json", summary="Public key(s) verifying access tokens (JWKS)")
async def jwks(ctx: UserContext = Depends(user_context)) -> dict:
    return ctx.keys.jwks()
