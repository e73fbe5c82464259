"""Settings of the user domain (prefix ``QUANT_USER_``): signing key, token lifetimes, limits."""

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class UserSettings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="QUANT_USER_", env_file=".env", extra="ignore", populate_by_name=True
    )

    jwt_private_key_file: Path | None = Field(
        default=None,
        validation_alias=AliasChoices("QUANT_USER_JWT_PRIVATE_KEY_FILE", "QUANT_JWT_PRIVATE_KEY_FILE"),
        description="PEM private key (Ed25519) signing access tokens; default "
        "<data_dir>/keys/jwt_private.pem, created on first start.",
    )
    access_token_ttl_seconds: int = Field(default=300, ge=30, le=86400, description="Access-token lifetime.")
    refresh_token_ttl_days: int = Field(default=14, ge=1, le=365, description="Refresh-token lifetime.")
    allow_registration: bool = Field(default=True, description="Whether POST /auth/register is open.")
    admin_email: str | None = Field(
        default=None, description="First admin created at start when no admin exists."
    )
    admin_password: SecretStr | None = Field(default=None, description="Password of that first admin.")

    login_window_seconds: int = Field(
        default=900, ge=1, description="Window in which failed logins are counted."
    )
    login_free_failures: int = Field(
        default=5,
        ge=1,
        description="Failures per account and client before each further one doubles the wait.",
    )
    login_max_delay_seconds: int = Field(default=900, ge=1, description="Longest wait between two attempts.")
    login_max_failures_per_ip: int = Field(default=30, ge=1, description="Failures per client IP per window.")

    max_watchlists: int = Field(default=20, ge=1, description="Watchlists per user.")
    max_watchlist_items: int = Field(default=200, ge=1, description="Items per watchlist.")
    dashboard_section_timeout_seconds: float = Field(default=5.0, gt=0, description="Timeout of one section.")
