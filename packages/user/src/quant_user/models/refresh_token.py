"""``RefreshToken``: one issued refresh token (digest only), rotated on use, revocable."""

from datetime import datetime

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import BaseDocument


class RefreshToken(BaseDocument):
    user_id: str
    token_digest: str = Field(description="SHA-256 of the token; the token itself is never stored.")
    family_id: str = Field(
        description="All tokens rotated from one login share it (reuse revokes the family)."
    )
    token_version: int = Field(description="The user's token_version when issued.")
    expires_at: datetime
    revoked_at: datetime | None = None

    class Settings:
        name = "refresh_tokens"
        use_state_management = False
        indexes = [
            IndexModel([("token_digest", ASCENDING)], unique=True, name="digest_unique"),
            IndexModel([("user_id", ASCENDING)], name="user"),
            IndexModel([("family_id", ASCENDING)], name="family"),
        ]
