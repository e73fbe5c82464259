"""Accounts and tokens: registration, token pairs, refresh, password change, the caller's profile."""

from datetime import datetime

from pydantic import Field

from quant_shared.enums import Role
from quant_shared.schema import BaseSchema
from quant_user.schemas.fields import DisplayName, Email, Password


class RegisterIn(BaseSchema):
    email: Email
    password: Password
    display_name: DisplayName


class UserOut(BaseSchema):
    id: str
    email: str
    display_name: str
    roles: list[Role]
    is_active: bool
    created_at: datetime
    last_login_at: datetime | None = None


class AccessTokenOut(BaseSchema):
    access_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="Seconds until the access token expires.")


class TokenPairOut(AccessTokenOut):
    refresh_token: str = Field(description="Opaque, single-use: each refresh returns a new one.")
    refresh_expires_in: int


class RefreshIn(BaseSchema):
    refresh_token: str = Field(min_length=10, max_length=200)


class PasswordChangeIn(BaseSchema):
    current_password: str = Field(min_length=1, max_length=256)
    new_password: Password


class ProfileUpdateIn(BaseSchema):
    display_name: DisplayName
