"""Optional per-client rate limiting: a token bucket per client address."""

import time


class RateLimiter:
    """``rate`` requests per second on average, ``burst`` at once; ``rate == 0`` disables it."""

    def __init__(self, rate: float, burst: int, max_clients: int = 100_000, clock=time.monotonic) -> None:
        self.rate = rate
        self.burst = float(burst)
        self.max_clients = max_clients
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def acquire(self, client: str) -> float:
        """0 when the request may pass, else the seconds until the client may try again."""
        now = self.clock()
        tokens, last = self._buckets.get(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens < 1.0:
            self._buckets[client] = (tokens, now)
            return (1.0 - tokens) / self.rate
        if len(self._buckets) >= self.max_clients and client not in self._buckets:
            self._buckets.clear()  # bounded memory: forget every client's (refilling) history
        self._buckets[client] = (tokens - 1.0, now)
        return 0.0
