"""Trading-domain enums."""

from enum import StrEnum


class BacktestStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class OptimizationStatus(StrEnum):
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


class RebalanceFrequency(StrEnum):
    NEVER = "never"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


class ExitReason(StrEnum):
    SIGNAL = "signal"
    STOP_LOSS = "stop_loss"
    TAKE_PROFIT = "take_profit"
    END_OF_DATA = "end_of_data"
    LIQUIDATION = "liquidation"


class IndicatorKind(StrEnum):
    PRICE = "price"
    SMA = "sma"
    EMA = "ema"
    RSI = "rsi"
    MACD = "macd"
    MACD_SIGNAL = "macd_signal"
    MACD_HIST = "macd_hist"
    BB_UPPER = "bb_upper"
    BB_MIDDLE = "bb_middle"
    BB_LOWER = "bb_lower"
    ROC = "roc"
    ATR = "atr"
    STDDEV = "stddev"
    HIGHEST = "highest"
    LOWEST = "lowest"


class PriceField(StrEnum):
    OPEN = "open"
    HIGH = "high"
    LOW = "low"
    CLOSE = "close"
    VOLUME = "volume"


class ComparisonOperator(StrEnum):
    GT = "gt"
    GE = "ge"
    LT = "lt"
    LE = "le"
    EQ = "eq"
    NE = "ne"


class CrossDirection(StrEnum):
    ABOVE = "above"
    BELOW = "below"


__all__ = [
    "BacktestStatus",
    "OptimizationStatus",
    "TradeType",
    "OrderType",
    "OrderSide",
    "SignalType",
    "StrategyType",
    "FillTiming",
    "PositionSizing",
    "OptimizationMethod",
    "RebalanceFrequency",
    "ExitReason",
    "IndicatorKind",
    "PriceField",
    "ComparisonOperator",
    "CrossDirection",
]
