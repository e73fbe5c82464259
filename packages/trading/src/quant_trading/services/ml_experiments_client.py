"""The ML experiments serving a strategy, read from the ML platform over HTTP (``/ml/experiments``)
with the caller's token: the ML platform applies its own owner filter."""

from typing import Any

from quant_shared.auth import Principal
from quant_shared.http import ServiceClients
from quant_shared.pagination import PageParams

ML_PLATFORM = "ml_platform"
FIELDS = ("id", "name", "status", "algorithm", "target", "symbols", "interval", "metrics", "created_at")


class MlExperimentsClient:
    def __init__(self, clients: ServiceClients, principal: Principal) -> None:
        self.clients = clients
        self.principal = principal

    async def serving(self, strategy_id: str, params: PageParams) -> dict[str, Any]:
        """One page of the experiments linked to ``strategy_id``, newest first."""
        query = {"strategy_id": strategy_id, "limit": params.limit, "offset": params.offset}
        body = await self.clients.get_json(
            ML_PLATFORM, "/ml/experiments", principal=self.principal, params=query
        )
        items = [{k: item.get(k) for k in FIELDS} for item in body.get("items", [])]
        return {**{k: body[k] for k in ("total", "limit", "offset")}, "items": items}
