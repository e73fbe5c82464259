"""Portfolio ("predictive") API models: portfolio backtests, correlation, Monte Carlo projection."""

from datetime import datetime

from pydantic import Field

from quant_shared.enums import DataInterval, RebalanceFrequency
from quant_shared.schema import BaseSchema
from quant_trading.models import BacktestConfig


class PortfolioBacktestCreate(BaseSchema):
    name: str | None = Field(default=None, max_length=120)
    weights: dict[str, float] = Field(min_length=1, max_length=50, description="Target weight per symbol.")
    rebalance: RebalanceFrequency = RebalanceFrequency.MONTHLY
    interval: DataInterval = DataInterval.D1
    start: datetime | None = None
    end: datetime | None = None
    config: BacktestConfig = Field(
        default_factory=BacktestConfig,
        description="Costs, spread, per-asset stops, margin and finalize_trades; settings a weight "
        "portfolio cannot honor (order types, sizing, shorting, pyramiding, price levels) answer 422.",
    )
    generate_narrative: bool = False


class CorrelationRequest(BaseSchema):
    symbols: list[str] = Field(min_length=2, max_length=50)
    interval: DataInterval = DataInterval.D1
    start: datetime | None = None
    end: datetime | None = None


class CorrelationOut(BaseSchema):
    """Pearson correlation of bar returns on the bars every symbol has (None where one is constant)."""

    symbols: list[str]
    matrix: list[list[float | None]]
    observations: int


class MonteCarloRequest(BaseSchema):
    backtest_id: str = Field(max_length=64, description="A completed backtest whose returns are resampled.")
    horizon: int = Field(default=252, ge=1, le=5000, description="Bars to project.")
    simulations: int = Field(default=1000, ge=10, le=20_000)
    percentiles: list[float] = Field(default_factory=lambda: [5, 25, 50, 75, 95], min_length=1, max_length=11)
    block_size: int = Field(default=1, ge=1, le=250, description="Block length of the bootstrap.")
    seed: int = Field(default=0, ge=0)


class MonteCarloOut(BaseSchema):
    backtest_id: str
    start_equity: float
    horizon: int
    simulations: int
    percentiles: list[float]
    bands: dict[str, list[float]] = Field(description="Percentile -> projected equity per step (0..horizon).")
    final_mean: float
    final_percentiles: dict[str, float]
    probability_of_loss: float
