"""Feature transformations over OHLCV bars; every one is causal (row t uses bars up to t only)."""

import numpy as np
import pandas as pd

from quant_shared.enums import FeatureTransformation as T


def bars_frame(columnar: dict[str, list]) -> pd.DataFrame:
    """Columnar bars (``timestamp`` in epoch ms) as a frame indexed by timestamp, sorted, de-duplicated."""
    frame = pd.DataFrame(
        {k: columnar.get(k, []) for k in ("timestamp", "open", "high", "low", "close", "volume")}
    )
    frame = frame.astype({"timestamp": "int64"}).drop_duplicates("timestamp").sort_values("timestamp")
    return frame.set_index("timestamp").astype(float)


def _rsi(close: pd.Series, window: int) -> pd.Series:
    delta = close.diff()
    gain = delta.clip(lower=0).ewm(alpha=1 / window, adjust=False, min_periods=window).mean()
    loss = (-delta.clip(upper=0)).ewm(alpha=1 / window, adjust=False, min_periods=window).mean()
    rs = gain / loss
    rsi = 100 - 100 / (1 + rs)
    return rsi.where(loss != 0, 100.0).where(gain.notna())


def _macd(close: pd.Series, fast: int, slow: int, signal: int) -> pd.Series:
    line = close.ewm(span=fast, adjust=False).mean() - close.ewm(span=slow, adjust=False).mean()
    hist = line - line.ewm(span=signal, adjust=False).mean()
    hist.iloc[: slow - 1] = np.nan
    return hist / close


def compute(transformation: T, params: dict[str, int], bars: pd.DataFrame) -> pd.Series:
    """One value per bar (NaN while the look-back window is not filled)."""
    close, volume = bars["close"], bars["volume"]
    p = params
    if transformation == T.RETURNS:
        out = close / close.shift(p["periods"]) - 1
    elif transformation == T.LOG_RETURNS:
        out = np.log(close / close.shift(p["periods"]))
    elif transformation == T.ROLLING_VOLATILITY:
        out = np.log(close / close.shift(1)).rolling(p["window"]).std(ddof=1)
    elif transformation == T.SMA_RATIO:
        out = close / close.rolling(p["window"]).mean() - 1
    elif transformation == T.EMA_RATIO:
        ema = close.ewm(span=p["span"], adjust=False).mean()
        out = (close / ema - 1).where(np.arange(len(close)) >= p["span"] - 1)
    elif transformation == T.RSI:
        out = _rsi(close, p["window"])
    elif transformation == T.MACD:
        out = _macd(close, p["fast"], p["slow"], p["signal"])
    elif transformation == T.ZSCORE:
        roll = close.rolling(p["window"])
        out = (close - roll.mean()) / roll.std(ddof=1)
    elif transformation == T.VOLUME_CHANGE:
        out = volume / volume.shift(p["periods"]) - 1
    elif transformation == T.MOMENTUM:
        out = close / close.shift(p["window"]) - 1
    elif transformation == T.HIGH_LOW_RANGE:
        out = (bars["high"] - bars["low"]) / close
    else:  # pragma: no cover - the enum is exhaustive
        raise ValueError(f"unsupported transformation {transformation}")
    return pd.Series(out, index=bars.index, dtype=float).replace([np.inf, -np.inf], np.nan)


def warmup_bars(transformation: T, params: dict[str, int]) -> int:
    """Bars needed before the first value: how much history to fetch ahead of a window."""
    if transformation == T.MACD:
        return params["slow"] + params["signal"]
    return max(params.values(), default=0) + 1
