"""Personal API keys: creation (the key is shown once), listing by prefix, exchange for a token."""

from datetime import datetime

from pydantic import Field

from quant_shared.schema import BaseSchema


class ApiKeyIn(BaseSchema):
    name: str = Field(min_length=1, max_length=80)
    expires_in_days: int | None = Field(default=None, ge=1, le=3650, description="Never expires when unset.")


class ApiKeyOut(BaseSchema):
    id: str
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime | None = None
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None


class ApiKeyCreatedOut(ApiKeyOut):
    key: str = Field(description="The full key; shown only in this response.")


class ApiKeyExchangeIn(BaseSchema):
    api_key: str = Field(min_length=10, max_length=200)
