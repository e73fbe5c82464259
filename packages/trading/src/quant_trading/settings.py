"""Trading-domain settings (prefix ``QUANT_TRADING_``), read next to the platform's ``Settings``."""

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class TradingSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QUANT_TRADING_", env_file=".env", extra="ignore")

    optimization_max_workers: int = Field(default=2, ge=1, le=64, description="Processes per optimisation.")
    optimization_max_trials: int = Field(default=500, ge=1, description="Upper bound of trials per run.")
    optimization_helpers: int = Field(
        default=3,
        ge=0,
        description="Helper tasks an optimisation dispatches when tasks run on workers (0: one process).",
    )
    optimization_helper_idle_seconds: float = Field(
        default=5.0, gt=0, description="A helper finding no trial for this long after its last one stops."
    )
    optimization_trial_lease_seconds: float = Field(
        default=120.0,
        gt=0,
        description="A chunk of trials out with a helper this long (at most) is taken back (trial_dealer).",
    )
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
