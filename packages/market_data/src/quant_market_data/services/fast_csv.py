"""A whole CSV upload parsed and checked in columns (pandas' C parser, numpy checks), no per-row Python.

``fast_csv`` returns the bars when the file is well-formed and every row valid, and ``None`` otherwise;
the caller then parses it row by row, which names each bad row and its reasons.
"""

import io

import numpy as np

from quant_market_data.engine.columns import BarColumns
from quant_market_data.engine.fast_validation import NUMERIC, checked_columns
from quant_market_data.services.csv_rows import ALIASES
from quant_shared.enums import DataInterval


def _stamps(column) -> np.ndarray | None:
    import pandas as pd  # here: the platform's start does without pandas

    if pd.api.types.is_integer_dtype(column) or pd.api.types.is_float_dtype(column):
        values = column.to_numpy(dtype=float)
        if not np.all(np.isfinite(values)) or np.any(np.abs(values) > 1e15):
            return None
        return np.where(np.abs(values) >= 1e11, values, values * 1000).astype(np.int64)
    try:
        parsed = pd.to_datetime(column.astype(str).str.strip(), utc=True, format="ISO8601")
    except (ValueError, TypeError):
        return None
    return None if parsed.isna().any() else parsed.to_numpy(dtype="datetime64[ms]").astype(np.int64)


def fast_csv(data: bytes, interval: DataInterval) -> BarColumns | None:
    import pandas as pd

    try:
        frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", skipinitialspace=True)
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError):
        return None
    frame.columns = [ALIASES.get(str(n).strip().lower(), str(n).strip().lower()) for n in frame.columns]
    if frame.columns.duplicated().any() or any(n not in frame.columns for n in ("timestamp", *NUMERIC)):
        return None
    if "interval" in frame.columns and not frame["interval"].fillna(interval.value).eq(interval.value).all():
        return None
    if any(not pd.api.types.is_numeric_dtype(frame[n]) for n in NUMERIC):
        return None
    ts = _stamps(frame["timestamp"])
    if ts is None:
        return None
    o, h, lo, c, v = (frame[n].to_numpy(dtype=float) for n in NUMERIC)
    return checked_columns(ts, o, h, lo, c, v, interval)
