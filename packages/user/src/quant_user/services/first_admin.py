"""The first administrator: from QUANT_USER_ADMIN_EMAIL / QUANT_USER_ADMIN_PASSWORD, or the command line."""

import logging

from quant_shared.enums import Role
from quant_user.models.user import User
from quant_user.schemas.fields import normalize_email
from quant_user.services.account_service import create_user
from quant_user.settings import UserSettings

log = logging.getLogger("quant.user")
MIN_PASSWORD = 10


async def ensure_admin(email: str, password: str, display_name: str = "Administrator") -> tuple[User, bool]:
    """Create ``email`` as an admin, or grant the admin role to that existing account; (user, created)."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the admin password needs at least {MIN_PASSWORD} characters")
    email = normalize_email(email)
    user = await User.find_one(User.email == email)
    if user is None:
        return await create_user(email, password, display_name, [Role.USER, Role.ADMIN]), True
    if Role.ADMIN not in user.roles:
        user.roles = [*user.roles, Role.ADMIN]
        user.token_version += 1
        await user.save()
    return user, False


FIRST_ADMIN_HINT = (
    "No administrator yet: while the platform runs, create one with "
    "`hatch run quant admin create --email you@example.com` (the password is asked for)"
)


async def bootstrap_admin(settings: UserSettings) -> User | None:
    """At start-up: create the configured admin when no admin exists yet (never a default password);
    with none configured, say once how to create one."""
    if await User.find_one({"roles": Role.ADMIN.value}):
        return None
    if not settings.admin_email or settings.admin_password is None:
        log.warning(FIRST_ADMIN_HINT)
        return None
    user, _ = await ensure_admin(settings.admin_email, settings.admin_password.get_secret_value())
    log.warning("created the first admin %s from QUANT_USER_ADMIN_EMAIL", user.email)
    return user
