"""Accounts: registration, password login (throttled), password change, profile."""

from beanie import PydanticObjectId
from bson.errors import InvalidId

from quant_shared.enums import Role
from quant_shared.errors import ConflictError, ForbiddenError, NotFoundError, UnauthorizedError
from quant_shared.timeutil import utcnow
from quant_user.models.user import User
from quant_user.schemas.fields import normalize_email
from quant_user.security.passwords import hash_password, needs_rehash, verify_password
from quant_user.services.login_throttle import LoginThrottle
from quant_user.settings import UserSettings


async def find_user(user_id: str) -> User:
    """The user with this id, or 404."""
    try:
        user = await User.get(PydanticObjectId(user_id))
    except (InvalidId, TypeError, ValueError):
        user = None
    if user is None:
        raise NotFoundError(f"User {user_id} not found")
    return user


async def create_user(email: str, password: str, display_name: str, roles: list[Role] | None = None) -> User:
    email = normalize_email(email)
    if await User.find_one(User.email == email):
        raise ConflictError("An account with this e-mail address already exists")
    user = User(
        email=email,
        display_name=display_name,
        password_hash=hash_password(password),
        roles=roles or [Role.USER],
    )
    return await user.insert()


class AccountService:
    def __init__(self, settings: UserSettings) -> None:
        self.settings = settings
        self.throttle = LoginThrottle(settings)

    async def register(self, email: str, password: str, display_name: str) -> User:
        if not self.settings.allow_registration:
            raise ForbiddenError("Self-registration is disabled; ask an administrator for an account")
        return await create_user(email, password, display_name)

    async def authenticate(self, username: str, password: str, ip: str | None) -> User:
        """The user behind valid credentials; failures are counted and throttled (429)."""
        try:
            email = normalize_email(username)
        except ValueError:
            email = username.strip().lower()[:254]
        await self.throttle.check(email, ip)
        user = await User.find_one(User.email == email)
        if not verify_password(user.password_hash if user else None, password):
            await self.throttle.record_failure(email, ip)
            raise UnauthorizedError("Incorrect e-mail address or password")
        if not user.is_active:
            raise UnauthorizedError("The account is deactivated")
        await self.throttle.clear(email, ip)
        user.last_login_at = utcnow()
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        await user.save()
        return user

    async def change_password(self, user_id: str, current: str, new: str) -> User:
        user = await find_user(user_id)
        if not verify_password(user.password_hash, current):
            raise ForbiddenError("The current password is not correct")
        user.password_hash = hash_password(new)
        user.token_version += 1  # every refresh token issued before dies
        await user.save()
        return user

    async def update_profile(self, user_id: str, display_name: str) -> User:
        user = await find_user(user_id)
        user.display_name = display_name
        await user.save()
        return user
