"""A series' bucket directory (``BarSeries.buckets``) and the range arithmetic over it."""

from dataclasses import dataclass
from typing import Any

import numpy as np

from quant_market_data.engine.columns import BarColumns


@dataclass
class Directory:
    entries: dict[int, dict[str, int]]  # bucket start (epoch ms) -> {"count", "first", "last"}

    @classmethod
    def of(cls, doc: dict[str, Any] | None) -> "Directory":
        buckets = (doc or {}).get("buckets") or {}
        return cls({int(k): v for k, v in buckets.items() if v.get("count")})

    @property
    def total(self) -> int:
        return sum(e["count"] for e in self.entries.values())

    def count(self, start: int) -> int:
        return self.entries[start]["count"]

    def overlapping(self, lo: int | None, hi: int | None) -> list[int]:
        """Starts of the buckets holding bars in ``[lo, hi]`` (None: open), ascending."""
        return sorted(
            s
            for s, e in self.entries.items()
            if (lo is None or e["last"] >= lo) and (hi is None or e["first"] <= hi)
        )

    def partial(self, starts: list[int], lo: int | None, hi: int | None) -> list[int]:
        """The buckets among ``starts`` that also hold bars outside ``[lo, hi]``."""
        return [
            s
            for s in starts
            if (lo is not None and self.entries[s]["first"] < lo)
            or (hi is not None and self.entries[s]["last"] > hi)
        ]

    def holder(self, bound: int, after: bool) -> int | None:
        """The bucket holding the last bar before ``bound`` (or the first after it, ``after``)."""
        if after:
            found = [s for s, e in self.entries.items() if e["last"] > bound]
            return min(found) if found else None
        found = [s for s, e in self.entries.items() if e["first"] < bound]
        return max(found) if found else None

    @staticmethod
    def clip(bars: BarColumns, lo: int | None, hi: int | None) -> BarColumns:
        """The bars inside ``[lo, hi]`` of ascending ``bars``."""
        a = 0 if lo is None else int(np.searchsorted(bars.timestamp, lo, side="left"))
        b = len(bars) if hi is None else int(np.searchsorted(bars.timestamp, hi, side="right"))
        return bars if (a, b) == (0, len(bars)) else bars.take(slice(a, b))

    @staticmethod
    def window(ordered: list[int], counts: dict[int, int], offset: int, limit: int) -> tuple[list[int], int]:
        """The buckets (in ``ordered``'s order) holding bars ``offset`` to ``offset + limit``, and how
        many bars come before the first of them."""
        picked: list[int] = []
        position = skipped = 0
        for start in ordered:
            if position >= offset + limit:
                break
            size = counts[start]
            if position + size <= offset:
                position += size
                skipped = position
                continue
            picked.append(start)
            position += size
        return picked, skipped
