"""``/auth/api-keys`` and ``/auth/token/api-key``: personal API keys for programmatic clients."""

from fastapi import APIRouter, Query, Response, status

from quant_shared.auth import CurrentUser
from quant_user.api.deps import TokenServiceDep
from quant_user.models.api_key import ApiKey
from quant_user.schemas.api_keys import ApiKeyCreatedOut, ApiKeyExchangeIn, ApiKeyIn, ApiKeyOut
from quant_user.schemas.auth import AccessTokenOut
from quant_user.services.api_key_service import ApiKeyService, user_for_api_key

router = APIRouter(prefix="/auth", tags=["Auth"])


def key_out(doc: ApiKey) -> ApiKeyOut:
    return ApiKeyOut(id=str(doc.id), **doc.model_dump(include=set(ApiKeyOut.model_fields) - {"id"}))


@router.post(
    "/api-keys",
    response_model=ApiKeyCreatedOut,
    status_code=status.HTTP_201_CREATED,
    summary="Create a personal API key (the key is shown only once)",
)
async def create_api_key(principal: CurrentUser, body: ApiKeyIn) -> ApiKeyCreatedOut:
    doc, key = await ApiKeyService(principal.user_id).create(body.name, body.expires_in_days)
    return ApiKeyCreatedOut(**key_out(doc).model_dump(), key=key)


@router.get("/api-keys", response_model=list[ApiKeyOut], summary="Your API keys (never the keys themselves)")
async def list_api_keys(
    principal: CurrentUser,
    prefix: str | None = Query(None, min_length=1, max_length=8, description="Filter by key prefix."),
) -> list[ApiKeyOut]:
    return [key_out(d) for d in await ApiKeyService(principal.user_id).list_all(prefix)]


@router.delete("/api-keys/{key_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Revoke an API key")
async def revoke_api_key(principal: CurrentUser, key_id: str) -> Response:
    await ApiKeyService(principal.user_id).revoke(key_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/token/api-key", response_model=AccessTokenOut, summary="Exchange an API key for an access token"
)
async def exchange_api_key(tokens: TokenServiceDep, body: ApiKeyExchangeIn) -> AccessTokenOut:
    return tokens.access_for(await user_for_api_key(body.api_key))
