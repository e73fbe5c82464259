"""Shared FastAPI dependencies of the ML platform routers."""

from fastapi import Depends

from quant_ml_platform.services.bars_client import BarsClient
from quant_shared.auth import Principal, require_user
from quant_shared.http import ServiceClients, service_clients


async def bars_client(
    principal: Principal = Depends(require_user), clients: ServiceClients = Depends(service_clients)
) -> BarsClient:
    return BarsClient(clients, principal)
