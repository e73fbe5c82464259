"""Beanie documents of the trading domain."""

from quant_trading.models.backtest import Backtest
from quant_trading.models.backtest_execution import BacktestExecution
from quant_trading.models.backtest_result import BacktestResult
from quant_trading.models.optimization_run import OptimizationRun
from quant_trading.models.optimization_trial import OptimizationTrial
from quant_trading.models.paper_bar import PaperBar
from quant_trading.models.paper_book import PaperBook
from quant_trading.models.paper_equity import PaperEquityPoint
from quant_trading.models.paper_fill import PaperFill
from quant_trading.models.paper_run import PaperRun
from quant_trading.models.paper_stream import PaperStream
from quant_trading.models.strategy import Strategy
from quant_trading.models.strategy_execution import StrategyExecution
from quant_trading.models.strategy_performance import StrategyPerformance
from quant_trading.models.strategy_template import ParameterRange, StrategyTemplate
from quant_trading.models.value_types import BacktestConfig, PerformanceMetrics, Position, Trade
from quant_trading.models.webhook import Webhook
from quant_trading.models.webhook_delivery import WebhookDelivery

DOCUMENTS = [
    Backtest,
    BacktestExecution,
    BacktestResult,
    Strategy,
    StrategyTemplate,
    StrategyExecution,
    OptimizationRun,
    OptimizationTrial,
    StrategyPerformance,
    PaperRun,
    PaperBook,
    PaperBar,
    PaperFill,
    PaperEquityPoint,
    PaperStream,
    Webhook,
    WebhookDelivery,
]

__all__ = [
    "DOCUMENTS",
    "Backtest",
    "BacktestConfig",
    "BacktestExecution",
    "BacktestResult",
    "OptimizationRun",
    "OptimizationTrial",
    "PaperBar",
    "PaperBook",
    "PaperEquityPoint",
    "PaperFill",
    "PaperRun",
    "PaperStream",
    "ParameterRange",
    "PerformanceMetrics",
    "Position",
    "Strategy",
    "StrategyExecution",
    "StrategyPerformance",
    "StrategyTemplate",
    "Trade",
    "Webhook",
    "WebhookDelivery",
]
