"""Reads a backtest, its trades and equity from the trading domain over HTTP (the user's token)."""

from typing import Any

from quant_shared.auth import Principal
from quant_shared.errors import ConflictError, NotFoundError
from quant_shared.http import ServiceClients, UpstreamError

TRADES_LIMIT = 500
EQUITY_POINTS = 200


async def fetch_backtest_bundle(
    clients: ServiceClients, backtest_id: str, principal: Principal
) -> tuple[dict[str, Any], dict[str, Any], dict[str, list]]:
    """(backtest, trades page, equity series); 404 when the user cannot see it, 409 if not completed."""
    try:
        backtest = await clients.get_json("trading", f"/backtests/{backtest_id}", principal=principal)
    except UpstreamError as exc:
        if exc.status == 404:
            raise NotFoundError(f"No backtest {backtest_id}", field="body.backtest_id") from exc
        raise
    if backtest.get("status") != "completed":
        raise ConflictError(
            f"Backtest {backtest_id} is {backtest.get('status')}; a narrative needs a completed run"
        )
    trades = await clients.get_json(
        "trading", f"/backtests/{backtest_id}/trades", principal=principal, params={"limit": TRADES_LIMIT}
    )
    equity = await clients.get_json(
        "trading", f"/backtests/{backtest_id}/equity", principal=principal, params={"points": EQUITY_POINTS}
    )
    return backtest, trades, equity
