"""Pure KPI formulas (NumPy in, floats out). ``compute_metrics`` gives the flat, JSON-safe KPI dict."""

from quant_trading.kpis.bootstrap import bootstrap_ci
from quant_trading.kpis.probabilistic import (
    deflated_sharpe_ratio,
    expected_max_sharpe,
    probabilistic_sharpe_ratio,
)
from quant_trading.kpis.returns import (
    annualized_return,
    annualized_volatility,
    exposure_time,
    simple_returns,
    total_return,
)
from quant_trading.kpis.risk import (
    alpha_beta,
    calmar_ratio,
    drawdown_curve,
    max_drawdown,
    max_drawdown_duration,
    sharpe_ratio,
    sortino_ratio,
)
from quant_trading.kpis.summary import compute_metrics, json_safe
from quant_trading.kpis.trades import expectancy, profit_factor, sqn, trade_stats, win_rate

__all__ = [
    "alpha_beta",
    "annualized_return",
    "annualized_volatility",
    "bootstrap_ci",
    "calmar_ratio",
    "compute_metrics",
    "deflated_sharpe_ratio",
    "drawdown_curve",
    "expectancy",
    "expected_max_sharpe",
    "exposure_time",
    "json_safe",
    "max_drawdown",
    "max_drawdown_duration",
    "probabilistic_sharpe_ratio",
    "profit_factor",
    "sharpe_ratio",
    "simple_returns",
    "sortino_ratio",
    "sqn",
    "total_return",
    "trade_stats",
    "win_rate",
]
