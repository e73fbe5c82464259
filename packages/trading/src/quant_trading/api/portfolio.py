"""``/portfolio``: portfolio backtests (target weights + rebalancing), correlation, Monte Carlo projection."""

from fastapi import APIRouter, Depends, Request, status

from quant_shared.auth import Principal, require_user
from quant_shared.http import ServiceClients, service_clients
from quant_shared.tasks import TaskAccepted
from quant_trading.schemas.predictive import (
    CorrelationOut,
    CorrelationRequest,
    MonteCarloOut,
    MonteCarloRequest,
    PortfolioBacktestCreate,
)
from quant_trading.services.portfolio.portfolio_executor import submit_portfolio
from quant_trading.services.portfolio.portfolio_service import PortfolioService

router = APIRouter(prefix="/portfolio", tags=["Portfolio"])


@router.post(
    "/backtests",
    response_model=TaskAccepted,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Backtest target weights with periodic rebalancing (result at /backtests/{id})",
)
async def create_portfolio_backtest(
    body: PortfolioBacktestCreate, request: Request, principal: Principal = Depends(require_user)
) -> TaskAccepted:
    return await submit_portfolio(request.app, service_clients(request), principal, body)


@router.post("/correlation", response_model=CorrelationOut, summary="Correlation matrix of constituents")
async def get_correlation(
    body: CorrelationRequest,
    clients: ServiceClients = Depends(service_clients),
    principal: Principal = Depends(require_user),
) -> CorrelationOut:
    return await PortfolioService(clients, principal).correlation(body)


@router.post(
    "/monte-carlo", response_model=MonteCarloOut, summary="Percentile bands of a backtest's projected equity"
)
async def get_monte_carlo(
    body: MonteCarloRequest,
    clients: ServiceClients = Depends(service_clients),
    principal: Principal = Depends(require_user),
) -> MonteCarloOut:
    return await PortfolioService(clients, principal).monte_carlo(body)
