"""Recently used task inputs, kept encoded in memory by content digest (least recently used go first).

A run's inputs are written once and read by every process that works on it: the API process that
ran the task in-process right after saving them, each worker that runs a backtest on the same bars
or a part of an optimization's trials. A hit costs a digest lookup instead of a database read. The
bytes are cached, not the decoded payload, so no two
tasks share mutable objects. Bounded by ``QUANT_WORKERS_INPUT_CACHE_MB`` (256; 0 turns it off).
"""

import hashlib
import threading
from collections import OrderedDict


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class InputCache:
    def __init__(self, limit_bytes: int) -> None:
        self.limit = limit_bytes
        self.size = 0
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str | None) -> bytes | None:
        with self._lock:
            data = self._items.get(key) if key else None
            if data is not None:
                self._items.move_to_end(key)
            return data

    def put(self, key: str, data: bytes) -> None:
        """Keep ``data``; older entries go until the total fits. Bigger than the whole cache: not kept."""
        if len(data) > self.limit:
            return
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return
            self._items[key] = data
            self.size += len(data)
            while self.size > self.limit:
                _, old = self._items.popitem(last=False)
                self.size -= len(old)

    def __len__(self) -> int:
        return len(self._items)


_shared: InputCache | None = None


def shared_cache() -> InputCache:
    """The process's cache, sized from the worker settings on first use."""
    global _shared
    if _shared is None:
        from quant_shared.workers.settings import WorkerSettings

        _shared = InputCache(WorkerSettings().input_cache_mb * 1024 * 1024)
    return _shared
