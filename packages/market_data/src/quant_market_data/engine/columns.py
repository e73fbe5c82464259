"""Bars as columns of numpy arrays (timestamps in epoch milliseconds, ascending)."""

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

FIELDS = ("open", "high", "low", "close", "volume")


@dataclass
class BarColumns:
    timestamp: np.ndarray  # int64 epoch milliseconds
    open: np.ndarray
    high: np.ndarray
    low: np.ndarray
    close: np.ndarray
    volume: np.ndarray

    def __len__(self) -> int:
        return int(self.timestamp.size)

    @classmethod
    def empty(cls) -> "BarColumns":
        return cls(np.empty(0, dtype=np.int64), *(np.empty(0) for _ in FIELDS))

    @classmethod
    def from_lists(cls, ts_ms, o, h, low, c, v) -> "BarColumns":
        f = np.asarray
        return cls(
            f(ts_ms, dtype=np.int64), f(o, float), f(h, float), f(low, float), f(c, float), f(v, float)
        )

    def take(self, index) -> "BarColumns":
        return BarColumns(*(getattr(self, name)[index] for name in ("timestamp", *FIELDS)))

    def sorted(self) -> "BarColumns":
        return self.take(np.argsort(self.timestamp, kind="stable"))

    def to_json(self) -> dict[str, list]:
        out: dict[str, list] = {"timestamp": self.timestamp.tolist()}
        for name in FIELDS:
            out[name] = getattr(self, name).tolist()
        return out

    def rows(self) -> list[dict]:
        cols = self.to_json()
        return [
            {"timestamp": ms_to_datetime(ts), "open": o, "high": h, "low": lo, "close": c, "volume": v}
            for ts, o, h, lo, c, v in zip(*(cols[k] for k in ("timestamp", *FIELDS)), strict=True)
        ]

    def datetimes(self) -> list[datetime]:
        return [ms_to_datetime(ts) for ts in self.timestamp.tolist()]


def concat(*parts: BarColumns) -> BarColumns:
    """Bars of every part, ascending (parts must not share timestamps)."""
    names = ("timestamp", *FIELDS)
    joined = BarColumns(*(np.concatenate([getattr(p, n) for p in parts]) for n in names))
    return joined.sorted()


def ms_to_datetime(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def datetime_to_ms(value: datetime) -> int:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(round(value.timestamp() * 1000))
