"""FastAPI dependencies of the trading routers: each service built for the request's user."""

from typing import Annotated

from fastapi import Depends

from quant_shared.auth import AdminUser, CurrentUser
from quant_shared.http import ServiceClients, service_clients
from quant_trading.services.backtests.backtest_service import BacktestService
from quant_trading.services.ml_experiments_client import MlExperimentsClient
from quant_trading.services.optimization.service import OptimizationService
from quant_trading.services.portfolio.portfolio_service import PortfolioService
from quant_trading.services.signals.signal_service import SignalService
from quant_trading.services.strategies.strategy_service import StrategyService
from quant_trading.services.strategies.template_service import TemplateService

Clients = Annotated[ServiceClients, Depends(service_clients)]


async def backtest_service(principal: CurrentUser) -> BacktestService:
    return BacktestService(principal)


async def admin_backtest_service(principal: AdminUser) -> BacktestService:
    return BacktestService(principal, every_owner=True)


async def strategy_service(principal: CurrentUser) -> StrategyService:
    return StrategyService(principal)


async def ml_experiments_client(principal: CurrentUser, clients: Clients) -> MlExperimentsClient:
    return MlExperimentsClient(clients, principal)


async def template_service(principal: CurrentUser) -> TemplateService:
    return TemplateService(principal)


async def optimization_service(principal: CurrentUser) -> OptimizationService:
    return OptimizationService(principal)


async def portfolio_service(principal: CurrentUser, clients: Clients) -> PortfolioService:
    return PortfolioService(clients, principal)


async def signal_service(principal: CurrentUser, clients: Clients) -> SignalService:
    return SignalService(clients, principal)


BacktestServiceDep = Annotated[BacktestService, Depends(backtest_service)]
AdminBacktestServiceDep = Annotated[BacktestService, Depends(admin_backtest_service)]
StrategyServiceDep = Annotated[StrategyService, Depends(strategy_service)]
MlExperimentsClientDep = Annotated[MlExperimentsClient, Depends(ml_experiments_client)]
TemplateServiceDep = Annotated[TemplateService, Depends(template_service)]
OptimizationServiceDep = Annotated[OptimizationService, Depends(optimization_service)]
PortfolioServiceDep = Annotated[PortfolioService, Depends(portfolio_service)]
SignalServiceDep = Annotated[SignalService, Depends(signal_service)]
