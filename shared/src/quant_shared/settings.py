"""Platform settings, read from the environment (prefix ``QUANT_``)."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Settings shared by every domain; a service may subclass it with a prefix of its own."""

    model_config = SettingsConfigDict(env_prefix="QUANT_", env_file=".env", extra="ignore")

    mongodb_url: str | None = Field(
        default=None, description="MongoDB URL; unset means the embedded FerretDB is started."
    )
    db_prefix: str = Field(default="quant", description="Database name prefix; one database per domain.")
    database_names: dict[str, str] = Field(
        default_factory=dict, description="Explicit database name per domain (overrides the prefix)."
    )
    data_dir: Path = Field(default=Path(".data"), description="Folder of the embedded database and keys.")
    embedded_db_port: int = Field(default=27117, description="Port of the embedded FerretDB.")
    malloc_keep_mb: int = Field(
        default=256,
        ge=0,
        description="Freed memory a backtest-engine process keeps for reuse (glibc; 0: the defaults).",
    )
    max_body_bytes: int = Field(
        default=10 * 1024 * 1024,
        ge=1,
        description="Request-body limit of every route (413); uploads set their own.",
    )
    log_level: str = "INFO"
    environment: str = "development"
    warm_on_start: bool = Field(
        default=False,
        description="Load heavy compiled code (the backtest engine, scikit-learn) in the background at "
        "start, so the first request does not wait for it (python -m quant_gateway turns it on).",
    )

    jwt_public_key: str | None = Field(default=None, description="PEM public key verifying access tokens.")
    jwt_public_key_file: Path | None = Field(default=None, description="File holding the PEM public key.")
    jwt_jwks_url: str | None = Field(default=None, description="JWKS endpoint of the user domain.")
    jwt_jwks_ttl_seconds: int = 300
    jwt_issuer: str = "quant-platform"
    jwt_audience: str = "quant-platform"
    jwt_algorithms: list[str] = Field(default_factory=lambda: ["EdDSA", "RS256"])

    service_urls: dict[str, str] = Field(
        default_factory=dict,
        description='Base URL per domain for inter-domain calls, e.g. {"market_data": "http://127.0.0.1:8502"}.',
    )
    service_timeout_seconds: float = 10.0

    def database_name(self, domain: str) -> str:
        return self.database_names.get(domain) or f"{self.db_prefix}_{domain}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
