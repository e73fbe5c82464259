"""Signals of a stored strategy for a symbol: the latest bar's signal and the history over a range."""

import asyncio
from datetime import datetime
from typing import Any

import numpy as np

from quant_shared.auth import Principal
from quant_shared.enums import DataInterval, SignalType, StrategyType
from quant_shared.errors import ValidationProblem
from quant_shared.http import ServiceClients
from quant_shared.timeutil import utcnow
from quant_trading.models import Strategy, StrategyExecution
from quant_trading.schemas.signal import SignalHistory, SignalOut, SignalPoint
from quant_trading.services.engine_bridge import build, to_datetime
from quant_trading.services.market_data_client import MarketDataClient
from quant_trading.services.ml_signal_client import MlSignalClient
from quant_trading.services.strategies.strategy_service import StrategyService

_TYPES = {1: SignalType.BUY, -1: SignalType.SELL, 0: SignalType.HOLD}


def compute_signals(
    strategy: Strategy, bars: dict[str, list], predictions: list | None
) -> dict[str, np.ndarray]:
    """Per bar: signal (+1 buy, -1 sell, 0 hold), strength, close and time (blocking)."""
    from quant_trading.engine import OHLCV

    data = OHLCV.from_columnar(bars)
    built = build(strategy.strategy_type, strategy.parameters, strategy.spec, predictions)
    signal, strength = built.signals(data)
    return {"signal": signal, "strength": strength, "close": data.close, "timestamp": data.timestamp}


class SignalService:
    def __init__(self, clients: ServiceClients, principal: Principal) -> None:
        self.clients = clients
        self.principal = principal

    async def _evaluate(
        self,
        strategy: Strategy,
        symbol: str,
        interval: DataInterval,
        start: datetime | None,
        end: datetime | None,
    ) -> dict[str, np.ndarray]:
        symbol = symbol.strip().upper()
        market = MarketDataClient(self.clients, self.principal)
        bars = (await market.check_symbols([symbol], interval, start, end, field="query.symbol"))[symbol]
        predictions = None
        if strategy.strategy_type == StrategyType.ML_SIGNAL:
            ml = MlSignalClient(self.clients, self.principal)
            predictions = await ml.signals(strategy.ml_model or "", symbol, interval, start, end)
        try:
            return await asyncio.to_thread(compute_signals, strategy, bars, predictions)
        except ValueError as exc:
            raise ValidationProblem.field("query.symbol", f"cannot evaluate on {symbol}: {exc}") from exc

    async def current(self, strategy_id: str, symbol: str, interval: DataInterval) -> SignalOut:
        """The signal on the latest bar of one of the user's strategies (recorded as an execution)."""
        strategy = await StrategyService(self.principal).get(strategy_id)
        out = await self._evaluate(strategy, symbol, interval, None, None)
        last = len(out["signal"]) - 1
        signal = _TYPES[int(out["signal"][last])]
        result = SignalOut(
            strategy_id=str(strategy.id),
            symbol=symbol.strip().upper(),
            signal=signal,
            strength=float(out["strength"][last]),
            bar_time=to_datetime(out["timestamp"][last]),
            price=float(out["close"][last]),
        )
        await _record(
            strategy, result.symbol, {"signal": signal.value, "bar_time": result.bar_time.isoformat()}
        )
        return result

    async def history(
        self,
        strategy_id: str,
        symbol: str,
        interval: DataInterval,
        start: datetime | None,
        end: datetime | None,
    ) -> SignalHistory:
        """The bars where the position of one of the user's strategies changes (buy/sell events)."""
        strategy = await StrategyService(self.principal).get(strategy_id)
        if start is not None and end is not None and end <= start:
            raise ValidationProblem.field("query.end", "end must be after start")
        out = await self._evaluate(strategy, symbol, interval, start, end)
        idx = np.flatnonzero(out["signal"])
        items = [
            SignalPoint(
                bar_time=to_datetime(out["timestamp"][i]),
                signal=_TYPES[int(out["signal"][i])],
                strength=float(out["strength"][i]),
                price=float(out["close"][i]),
            )
            for i in idx.tolist()
        ]
        return SignalHistory(strategy_id=str(strategy.id), symbol=symbol.strip().upper(), items=items)


async def _record(strategy: Strategy, symbol: str, outcome: dict[str, Any]) -> None:
    await StrategyExecution(
        owner_id=strategy.owner_id,
        strategy_id=str(strategy.id),
        kind="signal",
        symbols=[symbol],
        executed_at=utcnow(),
        outcome=outcome,
    ).insert()
