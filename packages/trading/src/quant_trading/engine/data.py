"""OHLCV bars as contiguous float64 NumPy arrays plus epoch-millisecond timestamps."""

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

_FIELDS = ("open", "high", "low", "close", "volume")
MS_PER_YEAR = 365.25 * 24 * 3600 * 1000


@dataclass(frozen=True)
class OHLCV:
    timestamp: np.ndarray  # int64 epoch ms
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    volume: np.ndarray

    def __post_init__(self) -> None:
        n = len(self.timestamp)
        for name in _FIELDS:
            if len(getattr(self, name)) != n:
                raise ValueError(
                    f"{name}: length {len(getattr(self, name))} differs from timestamp length {n}"
                )
        if n > 1 and np.any(np.diff(self.timestamp) <= 0):
            raise ValueError("timestamp: must be strictly increasing")
        for name in ("open", "high", "low", "close"):
            arr = getattr(self, name)
            if n and not np.all(np.isfinite(arr)):
                raise ValueError(f"{name}: contains NaN or infinite values")

    def __len__(self) -> int:
        return len(self.timestamp)

    @classmethod
    def from_arrays(
        cls, timestamp: Any, open: Any, high: Any, low: Any, close: Any, volume: Any = None
    ) -> "OHLCV":
        close_arr = np.ascontiguousarray(close, dtype=np.float64)
        vol = np.zeros_like(close_arr) if volume is None else np.ascontiguousarray(volume, dtype=np.float64)
        return cls(
            timestamp=np.ascontiguousarray(timestamp, dtype=np.int64),
            open=np.ascontiguousarray(open, dtype=np.float64),
            high=np.ascontiguousarray(high, dtype=np.float64),
            low=np.ascontiguousarray(low, dtype=np.float64),
            close=close_arr,
            volume=vol,
        )

    @classmethod
    def from_columnar(cls, payload: dict[str, Any]) -> "OHLCV":
        """The market-data columnar JSON ``{"timestamp": [epoch ms], "open": [...], ...}``."""
        missing = [k for k in ("timestamp", "open", "high", "low", "close") if k not in payload]
        if missing:
            raise ValueError(f"columnar bars lack {missing}")
        stamps = payload["timestamp"]
        if stamps and isinstance(stamps[0], str):
            stamps = _ms(pd.Series(stamps))
        return cls.from_arrays(
            stamps, payload["open"], payload["high"], payload["low"], payload["close"], payload.get("volume")
        )

    @classmethod
    def from_dataframe(cls, df: pd.DataFrame) -> "OHLCV":
        """A frame with open/high/low/close[/volume] columns (any case) and a datetime index or
        a ``timestamp`` column (epoch ms or datetimes)."""
        cols = {c.lower(): c for c in df.columns}
        if "timestamp" in cols:
            ts = df[cols["timestamp"]]
            stamps = ts.to_numpy(np.int64) if np.issubdtype(ts.dtype, np.integer) else _ms(ts)
        else:
            stamps = _ms(pd.Series(df.index))
        get = lambda k: df[cols[k]].to_numpy(np.float64)  # noqa: E731
        vol = get("volume") if "volume" in cols else None
        return cls.from_arrays(stamps, get("open"), get("high"), get("low"), get("close"), vol)

    def slice(self, start: int, stop: int) -> "OHLCV":
        """Bars ``[start, stop)``: views, not checked again (a slice of valid bars is valid)."""
        if start == 0 and stop >= len(self):
            return self  # its periods per year are known already when asked before
        part = object.__new__(OHLCV)
        for name in ("timestamp",) + _FIELDS:
            object.__setattr__(part, name, getattr(self, name)[start:stop])
        return part

    def field(self, name: str) -> np.ndarray:
        if name not in _FIELDS:
            raise ValueError(f"unknown price field {name!r}")
        return getattr(self, name)

    def years(self) -> float:
        """Calendar years from the first to the last bar (elapsed seconds / (365.25 x 86,400))."""
        return years_between(self.timestamp)

    def periods_per_year(self) -> float:
        """Bars per year from the calendar: (bars - 1) / years elapsed (``periods_per_year_of``)."""
        known = self.__dict__.get("_periods_per_year")
        if known is None:
            known = periods_per_year_of(self.timestamp)
            object.__setattr__(self, "_periods_per_year", known)  # a cache, not a field
        return known


def years_between(timestamp: np.ndarray) -> float:
    """Calendar years from the first to the last epoch-ms timestamp (0 for fewer than 2)."""
    return float(timestamp[-1] - timestamp[0]) / MS_PER_YEAR if len(timestamp) > 1 else 0.0


def periods_per_year_of(timestamp: np.ndarray) -> float:
    """Bar-to-bar returns per calendar year: (bars - 1) / years from the first to the last bar, so an
    annualized return is the calendar CAGR and daily stock bars give ~252, hourly FX ~6,200 (trading
    hours only), daily crypto 365.25. 252 for fewer than 2 bars."""
    years = years_between(timestamp)
    return (len(timestamp) - 1) / years if years > 0 else 252.0


def _ms(values: pd.Series) -> np.ndarray:
    ts = pd.to_datetime(values, utc=True)
    return (ts.astype("datetime64[ns, UTC]").astype("int64") // 1_000_000).to_numpy(np.int64)
