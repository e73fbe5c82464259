"""Backoff policy for 429/5xx answers, honoring ``Retry-After``."""

from datetime import datetime
from email.utils import parsedate_to_datetime

import httpx

from quant_shared.timeutil import utcnow

RETRYABLE = {408, 409, 429, 500, 502, 503, 504}


def retry_after_seconds(response: httpx.Response) -> float | None:
    """Seconds asked by ``Retry-After`` (delta-seconds or HTTP date), if any."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when: datetime = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - utcnow()).total_seconds())


def backoff_delay(attempt: int, base: float, cap: float, response: httpx.Response | None = None) -> float:
    """Delay before retry ``attempt`` (0-based): Retry-After when given, else exponential; capped."""
    asked = retry_after_seconds(response) if response is not None else None
    delay = asked if asked is not None else base * (2**attempt)
    return min(delay, cap)
