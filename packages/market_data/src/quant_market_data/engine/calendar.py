"""Bar alignment and the expected trading calendar (24/7 for crypto, weekdays for the rest)."""

from datetime import datetime, timedelta

from quant_shared.enums import AssetClass, DataInterval

WEEK_SHIFT_MS = 3 * 86_400_000  # 1970-01-01 was a Thursday; shifting 3 days puts weeks on Mondays


def interval_ms(interval: DataInterval) -> int:
    return interval.seconds * 1000


def bucket_start_ms(ts_ms: int, interval: DataInterval) -> int:
    """Start of the ``interval`` bucket holding ``ts_ms`` (weeks start on Monday 00:00 UTC)."""
    size = interval_ms(interval)
    if interval == DataInterval.W1:
        return (ts_ms + WEEK_SHIFT_MS) // size * size - WEEK_SHIFT_MS
    return ts_ms // size * size


def is_aligned(ts_ms: int, interval: DataInterval) -> bool:
    return bucket_start_ms(ts_ms, interval) == ts_ms


def trades_24_7(asset_class: AssetClass | None) -> bool:
    return asset_class in (AssetClass.CRYPTO,)


def expected_predicate(asset_class: AssetClass | None, interval: DataInterval, session_hours: set[int]):
    """``expected(t)``: should a bar exist at ``t``? Weekday sessions infer their hours from the data."""
    if trades_24_7(asset_class):
        return lambda t: True
    intraday = interval.seconds < 86_400

    def expected(t: datetime) -> bool:
        if t.weekday() >= 5:
            return False
        return not intraday or t.hour in session_hours

    return expected


def step(interval: DataInterval) -> timedelta:
    return timedelta(seconds=interval.seconds)
