"""The optimization the worker benchmarks run: a grid of one strategy on synthetic 1-minute bars."""

from bench.synthetic import synthetic_bars
from quant_shared.enums import DataInterval, OptimizationMethod, StrategyType
from quant_trading.models import OptimizationRun, ParameterRange
from quant_trading.services.optimization.parameter_space import grid


def _grid(trials: int) -> dict[StrategyType, dict[str, tuple]]:
    """(low, high, step) per parameter: 8 x 5 values, ``sma_crossover``'s as long as the trials need."""
    return {
        StrategyType.SMA_CROSSOVER: {"fast": (5, 40, 5), "slow": (60, 60 + 20 * (trials // 8 + 1), 20)},
        StrategyType.BOLLINGER_BREAKOUT: {"period": (10, 80, 10), "num_std": (1.0, 3.0, 0.5)},
        StrategyType.RSI_MEAN_REVERSION: {"period": (5, 26, 3), "oversold": (20.0, 40.0, 5.0)},
        StrategyType.MACD: {"fast": (5, 19, 2), "slow": (26, 34, 2)},
    }


STRATEGIES = [strategy.value for strategy in _grid(40)]


def columnar(bars: int) -> dict[str, list]:
    data = synthetic_bars(bars, seed=11)
    names = ("timestamp", "open", "high", "low", "close", "volume")
    return {name: getattr(data, name).tolist() for name in names}


def ranges(trials: int, strategy: str = "sma_crossover") -> dict[str, ParameterRange]:
    return {
        name: ParameterRange(low=low, high=high, step=step, integer=isinstance(step, int))
        for name, (low, high, step) in _grid(trials)[StrategyType(strategy)].items()
    }


def new_run(trials: int, strategy: str = "sma_crossover") -> OptimizationRun:
    return OptimizationRun(
        owner_id="bench",
        name="bench",
        strategy_type=StrategyType(strategy),
        parameter_ranges=ranges(trials, strategy),
        method=OptimizationMethod.GRID,
        objective="sharpe_ratio",
        max_trials=trials,
        symbol="SYN",
        interval=DataInterval.M1,
    )


def grid_points(trials: int, strategy: str = "sma_crossover") -> list[dict]:
    """The run's trials, as its search makes them (no constraints)."""
    return grid(ranges(trials, strategy))[:trials]
