"""User-domain enums."""

from enum import StrEnum


class DashboardSection(StrEnum):
    """A section of the personal dashboard (its layout lists them in display order)."""

    WATCHLIST_QUOTES = "watchlist_quotes"
    RECENT_BACKTESTS = "recent_backtests"
    BEST_STRATEGIES = "best_strategies"
    LATEST_SIGNALS = "latest_signals"
    MARKET_REGIMES = "market_regimes"
    DEPLOYED_MODELS = "deployed_models"
    DATA_QUALITY = "data_quality"
    PAPER_RUNS = "paper_runs"


class SectionStatus(StrEnum):
    """Whether a dashboard section could be filled from its domain."""

    OK = "ok"
    UNAVAILABLE = "unavailable"


__all__ = ["DashboardSection", "SectionStatus"]
