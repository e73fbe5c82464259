"""JSON forms of task inputs: bar frames (columnar, as market data serves them) and training datasets.

Python floats survive ``json`` exactly (shortest round-trip repr), so a task run from its stored inputs
sees the same numbers as one run from the objects in memory.
"""

from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from quant_ml_platform.engine.dataset import Dataset
from quant_ml_platform.engine.transforms import bars_frame

_ARRAYS = ("X", "y", "next_return", "last_return", "timestamps", "symbols")


def encode_frames(frames: dict[str, pd.DataFrame]) -> dict[str, dict[str, list]]:
    return {
        symbol: {"timestamp": frame.index.tolist(), **{c: frame[c].tolist() for c in frame.columns}}
        for symbol, frame in frames.items()
    }


def decode_frames(payload: dict[str, dict[str, list]]) -> dict[str, pd.DataFrame]:
    return {symbol: bars_frame(columnar) for symbol, columnar in payload.items()}


def encode_dataset(data: Dataset) -> dict[str, Any]:
    arrays = {
        name: {"dtype": str(a.dtype), "shape": list(a.shape), "data": a.tolist()}
        for name in _ARRAYS
        for a in [getattr(data, name)]
    }
    return {"arrays": arrays, "columns": list(data.columns)}


def decode_dataset(payload: dict[str, Any]) -> Dataset:
    arrays = {
        name: np.asarray(spec["data"], dtype=spec["dtype"]).reshape(spec["shape"])
        for name, spec in payload["arrays"].items()
    }
    return Dataset(**arrays, columns=list(payload["columns"]))


def encode_time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def decode_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None
