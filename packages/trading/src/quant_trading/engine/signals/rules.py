"""Compile a ``quant_shared.strategy_spec.StrategySpec`` into vectorized targets (no code execution)."""

import operator
from typing import Any

import numpy as np

from quant_shared.enums import ComparisonOperator, CrossDirection, IndicatorKind
from quant_shared.strategy_spec import AllOf, AnyOf, Compare, Cross, IndicatorSpec, Not, StrategySpec
from quant_trading.engine import indicators as ind
from quant_trading.engine.data import OHLCV
from quant_trading.engine.signals.base import StrategyParams, entries_exits

_OPS = {
    ComparisonOperator.GT: operator.gt,
    ComparisonOperator.GE: operator.ge,
    ComparisonOperator.LT: operator.lt,
    ComparisonOperator.LE: operator.le,
    ComparisonOperator.EQ: operator.eq,
    ComparisonOperator.NE: operator.ne,
}


class RuleParams(StrategyParams):
    """Rule strategies carry their logic in the spec; they have no free parameters."""


def indicator_series(data: OHLCV, spec: IndicatorSpec) -> np.ndarray:
    x = data.field(spec.source.value)
    k = spec.kind
    if k == IndicatorKind.PRICE:
        return x
    if k == IndicatorKind.SMA:
        return ind.sma(x, spec.period)
    if k == IndicatorKind.EMA:
        return ind.ema(x, spec.period)
    if k == IndicatorKind.RSI:
        return ind.rsi(x, spec.period)
    if k in (IndicatorKind.MACD, IndicatorKind.MACD_SIGNAL, IndicatorKind.MACD_HIST):
        parts = ind.macd(x, spec.fast, spec.slow, spec.signal)
        return parts[[IndicatorKind.MACD, IndicatorKind.MACD_SIGNAL, IndicatorKind.MACD_HIST].index(k)]
    if k in (IndicatorKind.BB_LOWER, IndicatorKind.BB_MIDDLE, IndicatorKind.BB_UPPER):
        bands = ind.bollinger(x, spec.period, spec.num_std)
        return bands[[IndicatorKind.BB_LOWER, IndicatorKind.BB_MIDDLE, IndicatorKind.BB_UPPER].index(k)]
    if k == IndicatorKind.ROC:
        return ind.roc(x, spec.period)
    if k == IndicatorKind.ATR:
        return ind.atr(data.high, data.low, data.close, spec.period)
    if k == IndicatorKind.STDDEV:
        return ind.rolling_std(x, spec.period)
    if k == IndicatorKind.HIGHEST:
        return ind.highest(x, spec.period)
    return ind.lowest(x, spec.period)


class Compiler:
    """Conditions and operands of a spec over ``data``; an indicator is computed when first used."""

    def __init__(self, data: OHLCV, spec: StrategySpec) -> None:
        self.data = data
        self.indicators = {s.id: s for s in spec.indicators}
        self.series: dict[str, np.ndarray] = {}

    def operand(self, value: Any) -> np.ndarray:
        if not isinstance(value, str):
            return np.full(len(self.data), float(value))
        if value not in self.indicators:
            return self.data.field(value)
        if value not in self.series:
            self.series[value] = indicator_series(self.data, self.indicators[value])
        return self.series[value]

    def condition(self, cond: Any) -> np.ndarray:
        if isinstance(cond, Compare):
            with np.errstate(invalid="ignore"):
                return _OPS[cond.op](self.operand(cond.left), self.operand(cond.right))
        if isinstance(cond, Cross):
            a, b = self.operand(cond.left), self.operand(cond.right)
            return (
                ind.crossed_above(a, b) if cond.direction == CrossDirection.ABOVE else ind.crossed_above(b, a)
            )
        if isinstance(cond, AllOf):
            return np.logical_and.reduce([self.condition(c) for c in cond.conditions])
        if isinstance(cond, AnyOf):
            return np.logical_or.reduce([self.condition(c) for c in cond.conditions])
        if isinstance(cond, Not):
            return ~self.condition(cond.condition)
        raise TypeError(f"unknown condition {cond!r}")

    def maybe(self, cond: Any) -> np.ndarray | None:
        return None if cond is None else self.condition(cond)


def compile_spec(data: OHLCV, spec: StrategySpec) -> np.ndarray:
    c = Compiler(data, spec)
    none = np.zeros(len(data), dtype=np.bool_)
    long_entry = c.maybe(spec.entry_long)
    return entries_exits(
        none if long_entry is None else long_entry,
        c.maybe(spec.exit_long),
        c.maybe(spec.entry_short),
        c.maybe(spec.exit_short),
    )


def rule_based(data: OHLCV, p: RuleParams, ctx: dict) -> np.ndarray:
    return compile_spec(data, ctx["spec"])
