"""``User``: an account with its argon2 password hash, roles and revocation counter."""

from datetime import datetime

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import BaseDocument
from quant_shared.enums import Role


class User(BaseDocument):
    email: str = Field(description="Normalized (trimmed, lower-case) e-mail address; unique.")
    display_name: str
    password_hash: str = Field(repr=False)
    roles: list[Role] = Field(default_factory=lambda: [Role.USER])
    is_active: bool = True
    last_login_at: datetime | None = None
    token_version: int = Field(
        default=0, description="Bumped on deactivation, role or password change: older refresh tokens die."
    )

    @property
    def user_id(self) -> str:
        return str(self.id)

    class Settings:
        name = "users"
        use_state_management = False
        indexes = [IndexModel([("email", ASCENDING)], unique=True, name="email_unique")]
