"""Trading-domain settings (prefix ``QUANT_TRADING_``), read next to the platform's ``Settings``."""

import os
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class TradingSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QUANT_TRADING_", env_file=".env", extra="ignore")

    optimization_max_workers: int = Field(
        default_factory=lambda: min(_usable_cores(), 64),
        ge=1,
        le=64,
        description="Processes of the trial pool of each process running optimizations (an API process "
        "running tasks itself, or a worker), forked from one more process, the pool's fork server; every "
        "run there uses them all (1: its trials one at a time, in that one pool process). Default: the "
        "usable cores.",
    )
    optimization_trial_tasks: int = Field(
        default=1,
        ge=1,
        le=64,
        description="With tasks on worker processes: the tasks each batch of a run's trials is split into, "
        "the run's own included; the others go to the task queue for other workers (1: the run's worker "
        "alone, on its trial pool).",
    )
    optimization_max_trials: int = Field(default=500, ge=1, description="Upper bound of trials per run.")
    optimization_timeout_seconds: float = Field(default=3600.0, gt=0, description="A run failing past this.")
    backtest_timeout_seconds: float = Field(default=600.0, gt=0, description="A run failing past this.")
    max_symbols: int = Field(default=20, ge=1, description="Symbols per backtest.")
    stored_series_points: int = Field(
        default=20_000, ge=100, description="Longest equity series stored per backtest (downsampled above)."
    )


@lru_cache
def get_trading_settings() -> TradingSettings:
    return TradingSettings()


def trading_settings(app) -> TradingSettings:
    """The app's trading settings: ``app.state.trading_settings`` when set (tests), else the environment."""
    return getattr(app.state, "trading_settings", None) or get_trading_settings()
