"""The trading domain's strategies over HTTP (``/strategies/{id}``), to check a link before storing it."""

from urllib.parse import quote

from quant_shared.auth import Principal
from quant_shared.errors import ValidationProblem
from quant_shared.http import ServiceClients, UpstreamError

TRADING = "trading"


class StrategiesClient:
    def __init__(self, clients: ServiceClients, principal: Principal) -> None:
        self.clients = clients
        self.principal = principal

    async def require(self, strategy_id: str, field: str = "body.strategy_id") -> None:
        """The strategy exists and is the caller's (trading answers 404 otherwise), else a 422."""
        path = f"/strategies/{quote(strategy_id, safe='')}"
        try:
            await self.clients.get_json(TRADING, path, principal=self.principal)
        except UpstreamError as exc:
            if exc.status in (404, 422):
                raise ValidationProblem.field(field, f"no strategy {strategy_id!r} of yours") from exc
            raise
