"""The backtest engine, usable as a library without a database.

from quant_trading.engine import OHLCV, EngineConfig, build_strategy, run_backtest
out = run_backtest(OHLCV.from_columnar(bars), build_strategy("sma_crossover", {"fast": 10, "slow": 20}),
                   EngineConfig(commission=0.001))
out.metrics["sharpe_ratio"], out.trades, out.equity
"""

from quant_trading.engine.backtest import run_backtest, run_targets, simulate_targets
from quant_trading.engine.config import EngineConfig
from quant_trading.engine.data import OHLCV
from quant_trading.engine.montecarlo import correlation_matrix, monte_carlo_projection
from quant_trading.engine.portfolio import (
    PortfolioOutput,
    align_bars,
    align_closes,
    rebalance_mask,
    run_portfolio_backtest,
    run_portfolio_bars,
)
from quant_trading.engine.results import BacktestOutput, TradeRecord
from quant_trading.engine.signals import (
    Strategy,
    StrategyParameterError,
    build_strategy,
    parameter_schema,
    validate_parameters,
    validate_spec,
)

__all__ = [
    "OHLCV",
    "BacktestOutput",
    "PortfolioOutput",
    "EngineConfig",
    "Strategy",
    "StrategyParameterError",
    "TradeRecord",
    "align_bars",
    "align_closes",
    "correlation_matrix",
    "monte_carlo_projection",
    "rebalance_mask",
    "run_portfolio_backtest",
    "run_portfolio_bars",
    "build_strategy",
    "parameter_schema",
    "run_backtest",
    "run_targets",
    "simulate_targets",
    "validate_parameters",
    "validate_spec",
]
