"""Vectorized targets of the classic indicator strategies."""

import numpy as np

from quant_trading.engine import indicators as ind
from quant_trading.engine.data import OHLCV
from quant_trading.engine.signals.base import entries_exits
from quant_trading.engine.signals.params import (
    BollingerParams,
    BuyAndHoldParams,
    CrossoverParams,
    MacdParams,
    MomentumParams,
    RsiParams,
)


def _cross_targets(fast: np.ndarray, slow: np.ndarray) -> np.ndarray:
    return ind.cross_targets(fast, slow)


def sma_crossover(data: OHLCV, p: CrossoverParams, ctx: dict) -> np.ndarray:
    return _cross_targets(ind.sma(data.close, p.fast), ind.sma(data.close, p.slow))


def ema_crossover(data: OHLCV, p: CrossoverParams, ctx: dict) -> np.ndarray:
    return _cross_targets(ind.ema(data.close, p.fast), ind.ema(data.close, p.slow))


def rsi_mean_reversion(data: OHLCV, p: RsiParams, ctx: dict) -> np.ndarray:
    r = ind.rsi(data.close, p.period)
    with np.errstate(invalid="ignore"):
        low, high = r < p.oversold, r > p.overbought
    return entries_exits(low, high, high, low)


def bollinger_breakout(data: OHLCV, p: BollingerParams, ctx: dict) -> np.ndarray:
    lower, mid, upper = ind.bollinger(data.close, p.period, p.num_std)
    close = data.close
    with np.errstate(invalid="ignore"):
        up, down = close > upper, close < lower
    return entries_exits(up, ind.crossed_above(mid, close), down, ind.crossed_above(close, mid))


def macd_cross(data: OHLCV, p: MacdParams, ctx: dict) -> np.ndarray:
    line, sig, _ = ind.macd(data.close, p.fast, p.slow, p.signal)
    return _cross_targets(line, sig)


def momentum(data: OHLCV, p: MomentumParams, ctx: dict) -> np.ndarray:
    r = ind.roc(data.close, p.lookback)
    tgt = np.full(r.shape[0], np.nan)
    with np.errstate(invalid="ignore"):
        tgt[r > p.threshold] = 1.0
        tgt[r < -p.threshold] = -1.0
    return tgt


def buy_and_hold(data: OHLCV, p: BuyAndHoldParams, ctx: dict) -> np.ndarray:
    tgt = np.full(len(data), np.nan)
    if len(data):
        tgt[0] = 1.0
    return tgt
