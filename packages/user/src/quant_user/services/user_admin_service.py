"""Administration of accounts: search, roles, (de)activation, deletion with an event for other domains."""

import re

from quant_shared.enums import Role
from quant_shared.errors import ConflictError
from quant_shared.events.outbox_relay import OutboxRelay
from quant_shared.pagination import PageParams, paginate
from quant_user.models.api_key import ApiKey
from quant_user.models.dashboard_layout import DashboardLayout
from quant_user.models.refresh_token import RefreshToken
from quant_user.models.user import User
from quant_user.models.watchlist import Watchlist
from quant_user.services.account_service import find_user
from quant_user.services.token_service import TokenService
from quant_user.services.user_events import record_access_revoked, record_user_deleted


class UserAdminService:
    def __init__(self, admin_id: str, tokens: TokenService, outbox: OutboxRelay | None = None) -> None:
        self.admin_id = admin_id
        self.tokens = tokens
        self.outbox = outbox

    async def search(
        self, params: PageParams, q: str | None, role: Role | None, active: bool | None, convert
    ) -> dict:
        filters: dict = {}
        if q:
            pattern = re.escape(q.strip())
            filters["$or"] = [
                {"email": {"$regex": pattern, "$options": "i"}},
                {"display_name": {"$regex": pattern, "$options": "i"}},
            ]
        if role is not None:
            filters["roles"] = role.value
        if active is not None:
            filters["is_active"] = active
        return await paginate(User.find(filters), params, sort="+email", convert=convert)

    async def _guard_last_admin(self, user: User) -> None:
        if user.user_id == self.admin_id:
            raise ConflictError("Administrators cannot demote, deactivate or delete themselves")
        others = await User.find(
            {"roles": Role.ADMIN.value, "is_active": True, "_id": {"$ne": user.id}}
        ).count()
        if Role.ADMIN in user.roles and others == 0:
            raise ConflictError("This is the last active administrator")

    async def _revoke(self, user: User, reason: str | None) -> None:
        """Refresh tokens die here; with a reason, access tokens too, in every process, once
        ``AccessRevoked`` arrives."""
        if reason:
            await record_access_revoked(user.user_id, reason)
        user.token_version += 1
        await user.save()
        await self.tokens.revoke_all(user.user_id)
        if reason and self.outbox is not None:
            await self.outbox.send_now()

    async def set_roles(self, user_id: str, roles: list[Role]) -> User:
        user = await find_user(user_id)
        new = list(dict.fromkeys([Role.USER, *roles]))
        if set(new) == set(user.roles):
            return user
        if Role.ADMIN in user.roles and Role.ADMIN not in new:
            await self._guard_last_admin(user)
        user.roles = new
        await self._revoke(user, "roles changed")
        return user

    async def set_active(self, user_id: str, active: bool) -> User:
        user = await find_user(user_id)
        if user.is_active == active:
            return user
        if not active:
            await self._guard_last_admin(user)
        user.is_active = active
        await self._revoke(user, None if active else "deactivated")
        return user

    async def delete(self, user_id: str, outbox: OutboxRelay) -> None:
        """Announce (outbox), then delete; every other domain removes its data on ``UserDeleted``."""
        user = await find_user(user_id)
        await self._guard_last_admin(user)
        await record_user_deleted(user.user_id, self.admin_id)
        await delete_user_data(user.user_id)
        await user.delete()
        await outbox.send_now()


async def delete_user_data(user_id: str) -> None:
    """Remove everything the user domain keeps for this user (the account itself is deleted by the caller)."""
    await Watchlist.find(Watchlist.owner_id == user_id).delete()
    await DashboardLayout.find(DashboardLayout.owner_id == user_id).delete()
    await ApiKey.find(ApiKey.owner_id == user_id).delete()
    await RefreshToken.find(RefreshToken.user_id == user_id).delete()
