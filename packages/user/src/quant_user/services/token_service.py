"""Access tokens and rotating refresh tokens (stored as digests; reuse revokes the whole family)."""

import uuid
from datetime import timedelta

from beanie import PydanticObjectId

from quant_shared.errors import UnauthorizedError
from quant_shared.timeutil import as_utc, utcnow
from quant_user.models.refresh_token import RefreshToken
from quant_user.models.user import User
from quant_user.schemas.auth import AccessTokenOut, TokenPairOut
from quant_user.security.opaque_tokens import digest, new_refresh_token
from quant_user.services.context import UserContext


class TokenService:
    def __init__(self, ctx: UserContext) -> None:
        self.ctx = ctx

    def access_for(self, user: User) -> AccessTokenOut:
        token = self.ctx.issuer.mint(user.user_id, user.roles, user.email)
        return AccessTokenOut(access_token=token, expires_in=self.ctx.user_settings.access_token_ttl_seconds)

    async def issue_pair(self, user: User, family_id: str | None = None) -> TokenPairOut:
        refresh = new_refresh_token()
        ttl = timedelta(days=self.ctx.user_settings.refresh_token_ttl_days)
        await RefreshToken(
            user_id=user.user_id,
            token_digest=digest(refresh),
            family_id=family_id or uuid.uuid4().hex,
            token_version=user.token_version,
            expires_at=utcnow() + ttl,
        ).insert()
        access = self.access_for(user)
        return TokenPairOut(
            **access.model_dump(), refresh_token=refresh, refresh_expires_in=int(ttl.total_seconds())
        )

    async def _consume(self, refresh_token: str) -> RefreshToken:
        """Mark the token used (atomically); a token used twice revokes its family."""
        stored = await RefreshToken.find_one(RefreshToken.token_digest == digest(refresh_token))
        if stored is None:
            raise UnauthorizedError("Invalid refresh token")
        result = await RefreshToken.get_pymongo_collection().update_one(
            {"_id": stored.id, "revoked_at": None}, {"$set": {"revoked_at": utcnow()}}
        )
        if result.modified_count != 1:
            await self.revoke_family(stored.family_id)
            raise UnauthorizedError("Refresh token already used or revoked; log in again")
        if as_utc(stored.expires_at) <= utcnow():
            raise UnauthorizedError("Refresh token expired; log in again")
        return stored

    async def rotate(self, refresh_token: str) -> TokenPairOut:
        stored = await self._consume(refresh_token)
        user = await User.get(PydanticObjectId(stored.user_id))
        if user is None or not user.is_active:
            await self.revoke_all(stored.user_id)
            raise UnauthorizedError("The account is deactivated or deleted")
        if user.token_version != stored.token_version:
            raise UnauthorizedError(
                "The session was revoked (roles, password or status changed); log in again"
            )
        return await self.issue_pair(user, stored.family_id)

    async def revoke(self, refresh_token: str, user_id: str) -> bool:
        stored = await RefreshToken.find_one(RefreshToken.token_digest == digest(refresh_token))
        if stored is None or stored.user_id != user_id:
            return False
        await self.revoke_family(stored.family_id)
        return True

    async def revoke_family(self, family_id: str) -> None:
        await RefreshToken.get_pymongo_collection().update_many(
            {"family_id": family_id, "revoked_at": None}, {"$set": {"revoked_at": utcnow()}}
        )

    async def revoke_all(self, user_id: str) -> None:
        await RefreshToken.get_pymongo_collection().update_many(
            {"user_id": user_id, "revoked_at": None}, {"$set": {"revoked_at": utcnow()}}
        )
