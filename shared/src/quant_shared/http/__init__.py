"""Inter-domain HTTP calls."""

from quant_shared.http.service_client import ServiceClients, UpstreamError, service_clients

__all__ = ["ServiceClients", "UpstreamError", "service_clients"]
