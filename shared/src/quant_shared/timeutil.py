"""Time helpers: the platform stores and answers timezone-aware UTC datetimes."""

from datetime import UTC, datetime  # noqa: F401


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Naive datetimes are taken as UTC; aware ones are converted."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
