"""Trading-domain enums."""

from enum import StrEnum


class BacktestStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class TradeType(StrEnum):
    LONG = "long"
    SHORT = "short"


class OrderType(StrEnum):
    MARKET = "market"
    LIMIT = "limit"
    STOP = "stop"
    STOP_LIMIT = "stop_limit"


class OrderSide(StrEnum):
    BUY = "buy"
    SELL = "sell"


class SignalType(StrEnum):
    BUY = "buy"
    SELL = "sell"
    HOLD = "hold"


class StrategyType(StrEnum):
    SMA_CROSSOVER = "sma_crossover"
    EMA_CROSSOVER = "ema_crossover"
    RSI_MEAN_REVERSION = "rsi_mean_reversion"
    BOLLINGER_BREAKOUT = "bollinger_breakout"
    MACD = "macd"
    MOMENTUM = "momentum"
    BUY_AND_HOLD = "buy_and_hold"
    ML_SIGNAL = "ml_signal"
    RULE_BASED = "rule_based"


class FillTiming(StrEnum):
    NEXT_OPEN = "next_open"
    THIS_CLOSE = "this_close"


class PositionSizing(StrEnum):
    FRACTION_OF_EQUITY = "fraction_of_equity"
    FIXED_UNITS = "fixed_units"


class OptimizationMethod(StrEnum):
    GRID = "grid"
    RANDOM = "random"
    BAYESIAN = "bayesian"


__all__ = [
    "BacktestStatus",
    "TradeType",
    "OrderType",
    "OrderSide",
    "SignalType",
    "StrategyType",
    "FillTiming",
    "PositionSizing",
    "OptimizationMethod",
]
