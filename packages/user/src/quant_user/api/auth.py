"""``/auth``: register, OAuth2 password login, refresh, logout, me, password, JWKS."""

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from quant_shared.auth import CurrentUser
from quant_user.api.deps import (
    AccountServiceDep,
    TokenServiceDep,
    UserContextDep,
    client_ip,
)
from quant_user.schemas.auth import (
    PasswordChangeIn,
    ProfileUpdateIn,
    RefreshIn,
    RegisterIn,
    TokenPairOut,
    UserOut,
)
from quant_user.services.account_service import find_user

router = APIRouter(prefix="/auth", tags=["Auth"])


def user_out(user) -> UserOut:
    return UserOut(id=user.user_id, **user.model_dump(include=set(UserOut.model_fields) - {"id"}))


@router.post(
    "/register", response_model=UserOut, status_code=status.HTTP_201_CREATED, summary="Create an account"
)
async def register(accounts: AccountServiceDep, body: RegisterIn) -> UserOut:
    return user_out(await accounts.register(body.email, body.password, body.display_name))


@router.post(
    "/token",
    response_model=TokenPairOut,
    summary="Log in (OAuth2 password flow: username = e-mail)",
    responses={401: {"description": "Wrong credentials"}, 429: {"description": "Too many failures"}},
)
async def login(
    accounts: AccountServiceDep,
    tokens: TokenServiceDep,
    request: Request,
    form: OAuth2PasswordRequestForm = Depends(),
) -> TokenPairOut:
    user = await accounts.authenticate(form.username, form.password, client_ip(request))
    return await tokens.issue_pair(user)


@router.post("/refresh", response_model=TokenPairOut, summary="Exchange a refresh token for a new pair")
async def refresh(tokens: TokenServiceDep, body: RefreshIn) -> TokenPairOut:
    return await tokens.rotate(body.refresh_token)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, summary="Revoke a refresh token")
async def logout(
    tokens: TokenServiceDep,
    principal: CurrentUser,
    body: RefreshIn,
) -> Response:
    await tokens.revoke(body.refresh_token, principal.user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=UserOut, summary="Your account")
async def me(principal: CurrentUser) -> UserOut:
    return user_out(await find_user(principal.user_id))


@router.patch("/me", response_model=UserOut, summary="Change your display name")
async def update_me(
    accounts: AccountServiceDep,
    principal: CurrentUser,
    body: ProfileUpdateIn,
) -> UserOut:
    return user_out(await accounts.update_profile(principal.user_id, body.display_name))


@router.post(
    "/password",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Change your password (logs out other sessions)",
)
async def change_password(
    accounts: AccountServiceDep,
    tokens: TokenServiceDep,
    principal: CurrentUser,
    body: PasswordChangeIn,
) -> Response:
    await accounts.change_password(principal.user_id, body.current_password, body.new_password)
    await tokens.revoke_all(principal.user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/jwks.json", summary="Public key(s) verifying access tokens (JWKS)")
async def jwks(ctx: UserContextDep) -> dict:
    return ctx.keys.jwks()
