"""A paper run against a backtest of its strategy and config over the same period.

A paper step runs the backtest engine's code, so over the same bars both sides agree by construction;
what drifts is the data. For each book this fetches the bars market data holds now from the run's start
to the book's last processed bar (same interval), backtests the run's strategy on them with the book's
share of the cash (``paper_config``: trades still open at the end stay open) and compares P&L, fills
(by trade number and entry/exit) and bars (by time) with what the run recorded.
"""

import asyncio
from collections.abc import Sequence
from typing import Any

from quant_shared.auth import Principal
from quant_shared.errors import ConflictError
from quant_shared.http import ServiceClients, UpstreamError
from quant_shared.timeutil import as_utc
from quant_trading.models.paper_book import PaperBook
from quant_trading.models.paper_fill import PaperFill
from quant_trading.models.paper_run import PaperRun
from quant_trading.schemas.paper_comparison import PaperComparisonDetail
from quant_trading.services.engine_bridge import run_symbol, to_datetime
from quant_trading.services.market_data_client import COLUMNS, MarketDataClient
from quant_trading.services.paper.paper_bar_store import book_bars, empty
from quant_trading.services.paper.paper_comparison_drift import (
    FillMatch,
    bar_drift,
    bar_total,
    fill_drift,
    match_fills,
    pnl_drift,
)
from quant_trading.services.paper.paper_fills import book_fills
from quant_trading.services.paper.paper_run_service import PaperRunService
from quant_trading.services.paper.paper_step import paper_config


def in_period(columns: dict[str, Sequence], start_ms: int, end_ms: int) -> dict[str, list]:
    keep = [i for i, t in enumerate(columns["timestamp"]) if start_ms <= int(t) <= end_ms]
    return {c: [columns[c][i] for i in keep] for c in COLUMNS}


def backtest(run: PaperRun, book: PaperBook, bars: dict[str, list]) -> tuple[float, list[dict[str, Any]]]:
    """(P&L, fills) of the backtest over ``bars`` (blocking: call it off the event loop)."""
    if not bars["timestamp"]:
        return 0.0, []
    config = paper_config(run.config, book.initial_cash)
    try:
        out = run_symbol(
            book.symbol, bars, run.strategy_type, run.parameters, run.spec, config, metrics=False
        )
    except ValueError as exc:
        raise ConflictError(f"market data's bars of {book.symbol} cannot be backtested: {exc}") from exc
    fills, _ = book_fills(out.trades, -1)
    return float(out.equity[-1]) - book.initial_cash, fills


class PaperComparisonService:
    def __init__(self, principal: Principal) -> None:
        self.principal = principal
        self.runs = PaperRunService(principal)

    async def held_bars(self, market: MarketDataClient, run: PaperRun, book: PaperBook) -> dict[str, list]:
        if book.cursor is None:
            return empty()
        start = as_utc(run.start)
        try:
            held = await market.columnar_bars(book.symbol, run.interval, start, to_datetime(book.cursor))
        except UpstreamError as exc:
            if exc.status not in (404, 422):
                raise
            return empty()  # market data no longer knows the symbol: every bar is missing there
        return in_period(held, int(start.timestamp() * 1000), book.cursor)

    async def compare(self, clients: ServiceClients, run_id: str) -> PaperComparisonDetail:
        run = await self.runs.get(run_id)
        books = await self.runs.books(run)
        market = MarketDataClient(clients, self.principal)
        recorded = await PaperFill.find({"run_id": str(run.id)}).to_list()
        start = as_utc(run.start)
        symbols, matches, bars, paper_pnl, backtest_pnl = [], [], [], 0.0, 0.0
        for book in books:
            held = await self.held_bars(market, run, book)
            pnl, fills = await asyncio.to_thread(backtest, run, book, held)
            ours = [f.model_dump() for f in recorded if f.symbol == book.symbol]
            match: FillMatch = match_fills(ours, fills)
            drift = bar_drift(await book_bars(book.id, book.cursor), held)
            matches.append(match)
            bars.append(drift)
            paper_pnl += book.equity - book.initial_cash
            backtest_pnl += pnl
            end = None if book.cursor is None else to_datetime(book.cursor)
            symbols.append(
                {
                    "symbol": book.symbol,
                    "period": {"start": start, "end": end},
                    "initial_cash": book.initial_cash,
                    "pnl": pnl_drift(book.equity - book.initial_cash, pnl, book.initial_cash),
                    "fills": fill_drift([match]),
                    "bars": drift,
                }
            )
        cursors = [b.cursor for b in books if b.cursor is not None]
        cash = run.config.initial_cash
        share = cash / max(len(run.symbols), 1)
        return PaperComparisonDetail.model_validate(
            {
                "run_id": str(run.id),
                "name": run.name,
                "status": run.status,
                "symbols": run.symbols,
                "period": {"start": start, "end": to_datetime(max(cursors)) if cursors else None},
                "settings": {
                    "backtest_id": run.backtest_id,
                    "strategy_type": run.strategy_type,
                    "parameters": run.parameters,
                    "spec": run.spec,
                    "interval": run.interval,
                    "config": paper_config(run.config, share),
                    "finalize_trades": False,
                },
                "by_symbol": symbols,
                "total": {
                    "initial_cash": cash,
                    "pnl": pnl_drift(paper_pnl, backtest_pnl, cash),
                    "fills": fill_drift(matches),
                    "bars": bar_total(bars),
                },
            }
        )
