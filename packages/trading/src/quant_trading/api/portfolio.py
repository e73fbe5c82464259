"""``/portfolio``: portfolio backtests (target weights + rebalancing), correlation, Monte Carlo projection."""

from fastapi import APIRouter, Request, status

from quant_shared.tasks import TaskAccepted
from quant_trading.api.deps import PortfolioServiceDep
from quant_trading.schemas.predictive import (
    CorrelationOut,
    CorrelationRequest,
    MonteCarloOut,
    MonteCarloRequest,
    PortfolioBacktestCreate,
)

router = APIRouter(prefix="/portfolio", tags=["Backtests"])


@router.post(
    "/backtests",
    response_model=TaskAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Backtest target weights with periodic rebalancing (result at /backtests/{id})",
)
async def create_portfolio_backtest(
    body: PortfolioBacktestCreate, request: Request, portfolio: PortfolioServiceDep
) -> TaskAccepted:
    return await portfolio.submit(request.app, body)


@router.post("/correlation", response_model=CorrelationOut, summary="Correlation matrix of constituents")
async def get_correlation(body: CorrelationRequest, portfolio: PortfolioServiceDep) -> CorrelationOut:
    return await portfolio.correlation(body)


@router.post(
    "/monte-carlo", response_model=MonteCarloOut, summary="Percentile bands of a backtest's projected equity"
)
async def get_monte_carlo(body: MonteCarloRequest, portfolio: PortfolioServiceDep) -> MonteCarloOut:
    return await portfolio.monte_carlo(body)
