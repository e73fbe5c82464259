"""Circuit breaker per upstream: stop sending to a service that keeps failing, probe it later."""

import time
from typing import Literal

CircuitState = Literal["closed", "open", "half_open"]


class CircuitBreaker:
    """Closed -> open after ``failures`` consecutive failures; after ``reset_seconds`` one probe
    request is let through (half-open): its success closes the circuit, its failure re-opens it."""

    def __init__(self, failures: int = 5, reset_seconds: float = 10.0, clock=time.monotonic) -> None:
        self.threshold = failures
        self.reset_seconds = reset_seconds
        self.clock = clock
        self.failures = 0
        self.opened_at: float | None = None
        self.probing = False

    @property
    def state(self) -> CircuitState:
        if self.opened_at is None:
            return "closed"
        if self.clock() - self.opened_at >= self.reset_seconds:
            return "half_open"
        return "open"

    def allow(self) -> bool:
        """May a request go upstream now? (In half-open state only one probe at a time.)"""
        if self.opened_at is None:
            return True
        if self.clock() - self.opened_at < self.reset_seconds or self.probing:
            return False
        self.probing = True
        return True

    def retry_after(self) -> int:
        if self.opened_at is None:
            return 0
        return max(1, round(self.reset_seconds - (self.clock() - self.opened_at)))

    def success(self) -> None:
        self.failures = 0
        self.opened_at = None
        self.probing = False

    def release(self) -> None:
        """The allowed request never reached the upstream (rejected locally): no verdict."""
        self.probing = False

    def failure(self) -> None:
        self.failures += 1
        if self.probing or self.failures >= self.threshold:
            self.opened_at = self.clock()
        self.probing = False
