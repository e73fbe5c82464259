"""Fetchers of the dashboard sections: each reads one other domain over HTTP with the user's token
(``data_quality`` reads this domain's notices, written on ``DataQualityIssueDetected``)."""

import asyncio
from typing import Any
from urllib.parse import quote

from quant_shared.auth import Principal
from quant_shared.http import ServiceClients, UpstreamError
from quant_user.services.quality_notices import recent_notices

KPIS = ("total_return", "sharpe_ratio", "max_drawdown")
MAX_SYMBOLS = 50
MAX_REGIME_SYMBOLS = 10
MAX_PAPER_RUNS = 5


def items_of(body: Any) -> list:
    """Items of a ``Page`` or of a plain list."""
    if isinstance(body, dict):
        return list(body.get("items") or [])
    return list(body or [])


def _kpis(metrics: dict | None) -> dict:
    metrics = metrics or {}
    return {k: metrics.get(k) for k in KPIS}


class DashboardSources:
    def __init__(self, clients: ServiceClients, principal: Principal, watchlists: list) -> None:
        self.clients = clients
        self.principal = principal
        self.watchlists = watchlists
        self.symbols = list(dict.fromkeys(it.symbol for wl in watchlists for it in wl.items))[:MAX_SYMBOLS]
        self._completed: asyncio.Task | None = None

    async def _get(self, domain: str, path: str, **params: Any) -> Any:
        return await self.clients.get_json(domain, path, principal=self.principal, params=params or None)

    async def watchlist_quotes(self) -> list[dict]:
        quotes: dict[str, dict] = {}
        if self.symbols:
            body = await self._get("market_data", "/market-data/quotes", symbols=",".join(self.symbols))
            quotes = {q["symbol"]: q for q in items_of(body)}
        return [
            {
                "watchlist_id": str(wl.id),
                "name": wl.name,
                "quotes": [quotes.get(it.symbol) or {"symbol": it.symbol, "last": None} for it in wl.items],
            }
            for wl in self.watchlists
        ]

    async def recent_backtests(self) -> list[dict]:
        body = await self._get("trading", "/backtests", limit=5)
        return [
            {
                "id": b["id"],
                "name": b.get("name"),
                "status": b.get("status"),
                "created_at": b.get("created_at"),
                "symbols": b.get("symbols", []),
                "metrics": _kpis(b.get("metrics")),
            }
            for b in items_of(body)
        ]

    async def _completed_backtests(self) -> list[dict]:
        if self._completed is None:
            self._completed = asyncio.ensure_future(
                self._get("trading", "/backtests", status="completed", limit=200)
            )
        return items_of(await asyncio.shield(self._completed))

    async def best_strategies(self) -> list[dict]:
        """The best completed backtest per strategy, ranked by Sharpe ratio (top 5)."""
        best: dict[str, dict] = {}
        for b in await self._completed_backtests():
            sharpe = (b.get("metrics") or {}).get("sharpe_ratio")
            if not isinstance(sharpe, int | float):
                continue
            key = b.get("strategy_id") or f"{b.get('strategy_type')}:{b.get('name')}"
            if key not in best or sharpe > best[key]["sharpe_ratio"]:
                best[key] = {
                    "strategy_id": b.get("strategy_id"),
                    "name": b.get("name"),
                    "strategy_type": b.get("strategy_type"),
                    "backtest_id": b["id"],
                    "symbols": b.get("symbols", []),
                    **_kpis(b.get("metrics")),
                }
        return sorted(best.values(), key=lambda s: s["sharpe_ratio"], reverse=True)[:5]

    async def latest_signals(self) -> list[dict]:
        """Current signal of the best stored strategies on the symbol they were backtested on."""
        targets = [
            (s["strategy_id"], (s["symbols"] or self.symbols or [None])[0], s["name"])
            for s in await self.best_strategies()
            if s["strategy_id"]
        ]
        targets = [t for t in targets if t[1]][:5]
        results = await asyncio.gather(
            *(self._get("trading", f"/signals/{quote(sid, safe='')}", symbol=sym) for sid, sym, _ in targets),
            return_exceptions=True,
        )
        out = []
        for (sid, sym, name), res in zip(targets, results, strict=True):
            if isinstance(res, UpstreamError):
                out.append({"strategy_id": sid, "symbol": sym, "name": name, "error": res.detail})
            elif isinstance(res, BaseException):
                raise res
            else:
                out.append({"name": name, **res})
        return out

    async def market_regimes(self) -> list[dict]:
        symbols = self.symbols[:MAX_REGIME_SYMBOLS]
        results = await asyncio.gather(
            *(self._get("ml_platform", f"/ml/regimes/{quote(s, safe='')}/current") for s in symbols),
            return_exceptions=True,
        )
        out = []
        for symbol, res in zip(symbols, results, strict=True):
            if isinstance(res, UpstreamError) and res.status == 404:
                continue  # no regime known for this symbol
            if isinstance(res, BaseException):
                raise res
            out.append(
                {"symbol": symbol, **res} if isinstance(res, dict) else {"symbol": symbol, "regime": res}
            )
        return out

    async def deployed_models(self) -> list[dict]:
        return items_of(await self._get("ml_platform", "/ml/models", status="production"))

    async def paper_runs(self) -> list[dict]:
        """The running paper runs (newest first) with their equity and P&L."""
        runs = items_of(await self._get("trading", "/paper-runs", status="running", limit=MAX_PAPER_RUNS))
        details = await asyncio.gather(
            *(self._get("trading", f"/paper-runs/{quote(str(r['id']), safe='')}") for r in runs)
        )
        keys = (
            "id",
            "name",
            "strategy_type",
            "symbols",
            "start",
            "initial_cash",
            "equity",
            "pnl",
            "positions",
        )
        return [{k: d.get(k) for k in keys} for d in details]

    async def data_quality(self) -> list[dict]:
        """Recent issues of the watchlist symbols, from this domain's own notices (fed by events)."""
        return await recent_notices(self.symbols, self.principal.user_id)
