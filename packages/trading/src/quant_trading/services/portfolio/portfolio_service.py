"""Portfolio analytics: correlation of constituents and Monte Carlo projections of a backtest."""

import asyncio

import numpy as np
from fastapi import FastAPI

from quant_shared.auth import Principal
from quant_shared.errors import NotFoundError, ValidationProblem
from quant_shared.http import ServiceClients
from quant_shared.tasks import TaskAccepted
from quant_trading.schemas.backtest import normalize_symbols
from quant_trading.schemas.predictive import (
    CorrelationOut,
    CorrelationRequest,
    MonteCarloOut,
    MonteCarloRequest,
    PortfolioBacktestCreate,
)
from quant_trading.services.backtests.backtest_service import BacktestService
from quant_trading.services.market_data_client import MarketDataClient
from quant_trading.services.portfolio.portfolio_executor import submit_portfolio


def _correlation(bars: dict[str, dict]) -> tuple[list[list[float | None]], int]:
    from quant_trading.engine import OHLCV
    from quant_trading.engine.montecarlo import correlation_matrix
    from quant_trading.engine.portfolio import align_closes

    _, closes = align_closes({s: OHLCV.from_columnar(b) for s, b in bars.items()})
    matrix = correlation_matrix(closes)
    rows = [[float(v) if np.isfinite(v) else None for v in row] for row in matrix]
    return rows, closes.shape[0] - 1


def _project(equity: np.ndarray, body: MonteCarloRequest, percentiles: list[float]) -> dict:
    from quant_trading.engine.montecarlo import monte_carlo_projection

    return monte_carlo_projection(
        equity, body.horizon, body.simulations, tuple(percentiles), seed=body.seed, block=body.block_size
    )


class PortfolioService:
    def __init__(self, clients: ServiceClients, principal: Principal) -> None:
        self.clients = clients
        self.principal = principal

    async def submit(self, app: FastAPI, body: PortfolioBacktestCreate) -> TaskAccepted:
        """Check the config, the weights and the bars now (bad input answers 422), then run as a task."""
        return await submit_portfolio(app, self.clients, self.principal, body)

    async def correlation(self, body: CorrelationRequest) -> CorrelationOut:
        symbols = normalize_symbols(body.symbols)
        if len(symbols) < 2:
            raise ValidationProblem.field("body.symbols", "give at least two different symbols")
        market = MarketDataClient(self.clients, self.principal)
        bars = await market.check_symbols(symbols, body.interval, body.start, body.end)
        try:
            matrix, n = await asyncio.to_thread(_correlation, bars)
        except ValueError as exc:
            raise ValidationProblem.field("body.symbols", str(exc)) from exc
        return CorrelationOut(symbols=symbols, matrix=matrix, observations=n)

    async def monte_carlo(self, body: MonteCarloRequest) -> MonteCarloOut:
        service = BacktestService(self.principal)
        try:
            backtest = await service.get(body.backtest_id)
        except NotFoundError as exc:
            raise ValidationProblem.field("body.backtest_id", "no such backtest") from exc
        result = await service.result(backtest)
        percentiles = sorted(set(body.percentiles))
        if any(not 0 <= p <= 100 for p in percentiles):
            raise ValidationProblem.field("body.percentiles", "percentiles must lie in [0, 100]")
        equity = np.asarray(result.equity, dtype=float)
        try:
            out = await asyncio.to_thread(_project, equity, body, percentiles)
        except ValueError as exc:
            raise ValidationProblem.field("body.backtest_id", str(exc)) from exc
        return MonteCarloOut(
            backtest_id=body.backtest_id,
            start_equity=out["start_value"],
            horizon=body.horizon,
            simulations=body.simulations,
            percentiles=percentiles,
            bands={k: np.asarray(v).tolist() for k, v in out["bands"].items()},
            final_mean=out["final_mean"],
            final_percentiles=out["final_percentiles"],
            probability_of_loss=out["probability_of_loss"],
        )
