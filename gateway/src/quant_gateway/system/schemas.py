"""Response models of the gateway's own routes: aggregated health and ``/admin/system``."""

from datetime import datetime

from pydantic import Field

from quant_shared.enums import HealthStatus
from quant_shared.health import ComponentHealth
from quant_shared.schema import BaseSchema


class ServiceHealth(BaseSchema):
    name: str = Field(description="Domain served by the service.")
    url: str | None = Field(default=None, description="Base URL; null when it runs inside the gateway.")
    status: HealthStatus
    latency_ms: float | None = None
    version: str | None = None
    detail: str | None = None
    circuit: str | None = Field(default=None, description="Circuit breaker state (proxy mode).")


class GatewayHealthOut(BaseSchema):
    status: HealthStatus
    service: str
    version: str
    mode: str = Field(description="'all-in-one' (domains in this process) or 'proxy'.")
    domains: list[str]
    database: ComponentHealth
    services: list[ServiceHealth]


class CollectionStats(BaseSchema):
    name: str
    count: int
    size_bytes: int | None = Field(default=None, description="Data size (collStats), when the server tells.")
    storage_bytes: int | None = None
    indexes: int | None = None


class DatabaseStats(BaseSchema):
    domain: str
    database: str
    collections: list[CollectionStats]
    objects: int
    size_bytes: int | None = None
    storage_bytes: int | None = None


class SystemOverview(BaseSchema):
    mode: str
    version: str
    status: HealthStatus
    services: list[ServiceHealth]


class BackupOut(BaseSchema):
    name: str = Field(description="File name of the archive under <data_dir>/backups.")
    created_at: datetime
    size_bytes: int
    collections: dict[str, dict[str, int]] = Field(description="Documents per domain and collection.")


class RestoreOut(BaseSchema):
    name: str
    restored: dict[str, dict[str, int]] = Field(description="Documents written per domain and collection.")
