"""Portfolio analytics: correlation of constituents and Monte Carlo projections of a backtest."""

import asyncio

import numpy as np

from quant_shared.auth import Principal
from quant_shared.errors import ValidationProblem
from quant_shared.http import ServiceClients
from quant_trading.schemas.backtest import normalise_symbols
from quant_trading.schemas.predictive import (
    CorrelationOut,
    CorrelationRequest,
    MonteCarloOut,
    MonteCarloRequest,
)
from quant_trading.services.backtest_service import BacktestService
from quant_trading.services.correlation import correlation_matrix
from quant_trading.services.market_data_client import MarketDataClient
from quant_trading.services.monte_carlo import project


class PortfolioService:
    def __init__(self, clients: ServiceClients, principal: Principal) -> None:
        self.clients = clients
        self.principal = principal

    async def correlation(self, body: CorrelationRequest) -> CorrelationOut:
        symbols = normalise_symbols(body.symbols)
        if len(symbols) < 2:
            raise ValidationProblem.field("body.symbols", "give at least two different symbols")
        market = MarketDataClient(self.clients, self.principal)
        bars = await market.check_symbols(symbols, body.interval, body.start, body.end)
        try:
            matrix, n = correlation_matrix(bars)
        except ValueError as exc:
            raise ValidationProblem.field("body.symbols", str(exc)) from exc
        return CorrelationOut(symbols=symbols, matrix=matrix, observations=n)

    async def monte_carlo(self, body: MonteCarloRequest) -> MonteCarloOut:
        service = BacktestService(self.principal)
        try:
            backtest = await service.get(body.backtest_id)
        except Exception as exc:
            raise ValidationProblem.field("body.backtest_id", "no such backtest") from exc
        result = await service.result(backtest)
        percentiles = sorted(set(body.percentiles))
        if any(not 0 <= p <= 100 for p in percentiles):
            raise ValidationProblem.field("body.percentiles", "percentiles must lie in [0, 100]")
        equity = np.asarray(result.equity, dtype=float)
        try:
            out = await asyncio.to_thread(
                project, equity, body.horizon, body.simulations, percentiles, body.block_size, body.seed
            )
        except ValueError as exc:
            raise ValidationProblem.field("body.backtest_id", str(exc)) from exc
        return MonteCarloOut(
            backtest_id=body.backtest_id,
            horizon=body.horizon,
            simulations=body.simulations,
            percentiles=percentiles,
            **out,
        )
