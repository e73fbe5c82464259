"""Reads a paper run's comparison with its backtest from the trading domain over HTTP (the user's token)."""

from typing import Any

from quant_shared.auth import Principal
from quant_shared.errors import NotFoundError
from quant_shared.http import ServiceClients, UpstreamError


async def fetch_paper_comparison(
    clients: ServiceClients, paper_run_id: str, principal: Principal
) -> dict[str, Any]:
    """Trading's ``GET /paper-runs/{id}/comparison``; 404 when the user cannot see the run."""
    try:
        return await clients.get_json(
            "trading", f"/paper-runs/{paper_run_id}/comparison", principal=principal
        )
    except UpstreamError as exc:
        if exc.status == 404:
            raise NotFoundError(f"No paper run {paper_run_id}", field="body.paper_run_id") from exc
        raise
