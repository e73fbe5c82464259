"""Personal API keys: created once, stored as digests, listed by prefix, revoked, exchanged for tokens."""

from datetime import timedelta

from beanie import PydanticObjectId
from bson.errors import InvalidId

from quant_shared.errors import ConflictError, NotFoundError, UnauthorizedError
from quant_shared.timeutil import as_utc, utcnow
from quant_user.models.api_key import ApiKey
from quant_user.models.user import User
from quant_user.security.opaque_tokens import api_key_prefix, digest, new_api_key, same_digest

MAX_KEYS_PER_USER = 50


class ApiKeyService:
    def __init__(self, owner_id: str) -> None:
        self.owner_id = owner_id

    async def create(self, name: str, expires_in_days: int | None) -> tuple[ApiKey, str]:
        active = await ApiKey.find(ApiKey.owner_id == self.owner_id, ApiKey.revoked_at == None).count()  # noqa: E711
        if active >= MAX_KEYS_PER_USER:
            raise ConflictError(f"At most {MAX_KEYS_PER_USER} active API keys per user; revoke one first")
        prefix, key = new_api_key()
        expires = utcnow() + timedelta(days=expires_in_days) if expires_in_days else None
        doc = ApiKey(
            owner_id=self.owner_id, name=name, prefix=prefix, key_digest=digest(key), expires_at=expires
        )
        return await doc.insert(), key

    async def list_all(self, prefix: str | None = None) -> list[ApiKey]:
        query = ApiKey.find(ApiKey.owner_id == self.owner_id)
        if prefix:
            query = query.find(ApiKey.prefix == prefix.strip().lower())
        return await query.sort("-created_at").to_list()

    async def revoke(self, key_id: str) -> None:
        try:
            doc = await ApiKey.get(PydanticObjectId(key_id))
        except (InvalidId, TypeError, ValueError):
            doc = None
        if doc is None or doc.owner_id != self.owner_id:
            raise NotFoundError(f"API key {key_id} not found")
        if doc.revoked_at is None:
            doc.revoked_at = utcnow()
            await doc.save()


async def user_for_api_key(key: str) -> User:
    """The active owner of a valid, unrevoked, unexpired key; 401 otherwise."""
    prefix = api_key_prefix(key)
    doc = await ApiKey.find_one(ApiKey.prefix == prefix) if prefix else None
    if doc is None or not same_digest(key, doc.key_digest):
        raise UnauthorizedError("Invalid API key")
    if doc.revoked_at is not None:
        raise UnauthorizedError("The API key was revoked")
    if doc.expires_at is not None and as_utc(doc.expires_at) <= utcnow():
        raise UnauthorizedError("The API key expired")
    user = await User.get(PydanticObjectId(doc.owner_id))
    if user is None or not user.is_active:
        raise UnauthorizedError("The account is deactivated or deleted")
    doc.last_used_at = utcnow()
    await doc.save()
    return user
