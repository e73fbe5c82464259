"""A paper run from its request: the strategy (stored, typed, a rule spec or a backtest's) and the bars
since ``start``, every field checked before anything is written."""

from collections.abc import Sequence
from typing import Any

from quant_shared.auth import Principal
from quant_shared.enums import DataInterval, StrategyType
from quant_shared.errors import NotFoundError, ValidationProblem
from quant_shared.http import UpstreamError
from quant_shared.timeutil import as_utc, utcnow
from quant_trading.models import BacktestConfig
from quant_trading.models.paper_run import PaperRun
from quant_trading.schemas.paper_run import PaperRunCreate
from quant_trading.services.backtests.backtest_service import BacktestService
from quant_trading.services.backtests.requested_strategy import resolve_strategy
from quant_trading.services.market_data_client import MarketDataClient

MAX_HISTORY_BARS = 20_000


async def from_backtest(body: PaperRunCreate, principal: Principal) -> dict[str, Any]:
    if any(
        getattr(body, k) is not None for k in ("strategy_id", "strategy_type", "parameters", "spec", "config")
    ):
        raise ValidationProblem.field(
            "body.backtest_id", "a backtest brings its strategy and config: give neither"
        )
    try:
        backtest = await BacktestService(principal).get(body.backtest_id or "")
    except NotFoundError as exc:
        raise ValidationProblem.field("body.backtest_id", "no such backtest") from exc
    return {
        "strategy_id": backtest.strategy_id,
        "strategy_type": backtest.strategy_type,
        "parameters": backtest.parameters,
        "spec": backtest.spec,
        "config": backtest.config,
        "symbols": backtest.symbols,
        "interval": backtest.interval,
        "name": f"paper {backtest.name}",
        "backtest_id": str(backtest.id),
    }


async def history(
    market: MarketDataClient, symbols: list[str], interval: DataInterval, start
) -> dict[str, dict[str, Sequence]]:
    bars, errors = {}, []
    for symbol in symbols:
        try:
            bars[symbol] = await market.columnar_bars(symbol, interval, start=start)
        except UpstreamError as exc:
            if exc.status not in (404, 422):
                raise
            errors.append({"field": "body.symbols", "message": f"unknown symbol {symbol}"})
            continue
        if len(bars[symbol]["timestamp"]) > MAX_HISTORY_BARS:
            errors.append(
                {
                    "field": "body.start",
                    "message": f"more than {MAX_HISTORY_BARS} bars of {symbol} since start: start later",
                }
            )
    if errors:
        raise ValidationProblem("; ".join(f"{e['field']}: {e['message']}" for e in errors), errors=errors)
    return bars


async def resolve_run(
    body: PaperRunCreate, principal: Principal, market: MarketDataClient
) -> tuple[PaperRun, dict[str, dict[str, Sequence]]]:
    if body.backtest_id is not None:
        found = await from_backtest(body, principal)
    else:
        found = await resolve_strategy(body, principal)
        found.update(config=body.config or BacktestConfig(), symbols=None, interval=None, backtest_id=None)
        found["name"] = f"paper {found['name']}"
    if found["strategy_type"] == StrategyType.ML_SIGNAL:
        raise ValidationProblem.field("body.strategy_type", "ML-signal strategies cannot be paper traded")
    config = found["config"]
    if getattr(config, "hedging", False):
        raise ValidationProblem.field("body.config.hedging", "paper runs hold one side at a time per symbol")
    symbols = body.symbols or found.pop("symbols")
    found.pop("symbols", None)
    if not symbols:
        raise ValidationProblem.field("body.symbols", "give the symbols to trade")
    interval = body.interval or found.pop("interval") or DataInterval.D1
    found.pop("interval", None)
    found.pop("ml_model", None)
    start = as_utc(body.start) if body.start is not None else utcnow()
    bars = await history(market, symbols, interval, start)
    name = body.name or f"{found.pop('name')} on {', '.join(symbols)}"
    found.pop("name", None)
    run = PaperRun(
        owner_id=principal.user_id,
        name=name,
        symbols=symbols,
        interval=interval,
        start=start,
        risk=body.risk,
        **found,
    )
    return run, bars
