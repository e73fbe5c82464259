"""Market-data settings (prefix ``QUANT_MARKET_DATA_``), beside the platform's ``QUANT_`` settings."""

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class MarketDataSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="QUANT_MARKET_DATA_", env_file=".env", extra="ignore")

    seed_demo: bool = Field(
        default=False,
        description="Seed the synthetic demo universe when no bars exist (a demo; `make run` turns it on).",
    )
    seed: int = Field(default=7, description="Random seed of the synthetic demo universe.")
    binance_base_url: str = Field(default="https://api.binance.com", description="Binance-style klines API.")
    yahoo_base_url: str = Field(
        default="https://query1.finance.yahoo.com", description="Yahoo-chart-style equities API."
    )
    provider_timeout_seconds: float = Field(default=20.0, gt=0)
    provider_max_retries: int = Field(default=4, ge=0, description="Retries after 429/5xx answers.")
    provider_max_wait_seconds: float = Field(default=30.0, ge=0, description="Longest Retry-After honored.")
    stale_after_days: float = Field(default=7.0, gt=0, description="A series older than this is stale.")
    event_bars_max: int = Field(
        default=5000,
        ge=0,
        description="Most bars one MarketDataIngested event carries: a larger ingest is announced in parts "
        "(0: one event, no bars).",
    )
    outlier_z: float = Field(default=10.0, gt=0, description="Robust z-score flagging a return outlier.")
    live_poll_enabled: bool = Field(default=True, description="Run the live-bar poller in this process.")
    live_tick_seconds: float = Field(
        default=1.0, gt=0, description="How often the poller looks for due series."
    )
    live_clock_speed: float = Field(
        default=1.0,
        gt=0,
        le=100_000,
        description="Synthetic provider's clock: 60 makes a 1m bar every second.",
    )
    live_max_bars_per_poll: int = Field(default=1000, ge=1, description="Most bars one poll appends.")
    live_backfill_bars: int = Field(default=100, ge=1, description="Bars fetched when nothing is stored yet.")
    live_lease_seconds: float = Field(
        default=60.0, gt=0, description="A poll not finished by then is retaken."
    )


def market_data_settings(app) -> MarketDataSettings:
    """The app's market-data settings (tests may set ``app.state.market_data_settings``)."""
    current = getattr(app.state, "market_data_settings", None)
    if current is None:
        current = app.state.market_data_settings = MarketDataSettings()
    return current
