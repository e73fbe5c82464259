"""``ApiKey``: a personal key for programmatic clients (digest stored, listed by prefix)."""

from datetime import datetime

from pydantic import Field
from pymongo import ASCENDING, IndexModel

from quant_shared.document import OwnedDocument


class ApiKey(OwnedDocument):
    name: str
    prefix: str = Field(description="Public lookup part of the key (``qk_<prefix>_...``).")
    key_digest: str = Field(repr=False)
    expires_at: datetime | None = None
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    class Settings:
        name = "api_keys"
        use_state_management = False
        indexes = [
            IndexModel([("prefix", ASCENDING)], unique=True, name="prefix_unique"),
            IndexModel([("owner_id", ASCENDING)], name="owner"),
        ]
