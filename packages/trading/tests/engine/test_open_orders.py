"""The orders still working after the last bar: a pending entry with its prices, own levels and
expiry, a queued signal exit, and the open position's stop-loss (where its trailing stop has moved
it) and take-profit."""

import numpy as np
import pytest

from quant_shared.enums import OrderPurpose, OrderSide, OrderType
from quant_trading.engine import EngineConfig, run_targets

from .bars import DAY, FLAT, bars, targets

DATA = bars([FLAT, FLAT, (100, 104, 99, 103), (103, 110, 102, 108)])
T0 = 1_704_067_200_000


def test_an_open_positions_protective_orders_and_a_queued_exit():
    config = EngineConfig(stop_loss_pct=0.05, take_profit_pct=0.2, trailing_stop_pct=0.03)
    out = run_targets(DATA, targets(4, b1=1, b3=0), config)
    exit_, stop, take = out.open_orders
    units = out.open_trade.size
    assert (exit_.purpose, exit_.side, exit_.order_type, exit_.units) == (
        OrderPurpose.EXIT, OrderSide.SELL, OrderType.MARKET, units,
    )  # fmt: skip
    assert (stop.purpose, stop.order_type, stop.placed_time) == (
        OrderPurpose.STOP_LOSS,
        OrderType.STOP,
        T0 + 2 * DAY,
    )
    assert stop.stop_price == pytest.approx(108 * 0.97)  # trailed from 95 up to 3 % under the last close
    assert (take.purpose, take.order_type, take.limit_price) == (
        OrderPurpose.TAKE_PROFIT,
        OrderType.LIMIT,
        120,
    )


@pytest.mark.parametrize(("valid", "left"), [(0, None), (3, 2)])
def test_a_pending_limit_entry_with_its_own_levels_and_expiry(valid, left):
    config = EngineConfig(allow_short=True, entry_order="limit", limit_offset_pct=0.1, order_valid_bars=valid)
    sl = np.array([np.nan, np.nan, 120.0, np.nan])
    out = run_targets(DATA, targets(4, b2=-1), config, stop_loss=sl, size=np.full(4, 0.5))
    (entry,) = out.open_orders
    assert (entry.purpose, entry.side, entry.order_type) == (
        OrderPurpose.ENTRY,
        OrderSide.SELL,
        OrderType.LIMIT,
    )
    assert entry.limit_price == pytest.approx(103 * 1.1) and entry.stop_price is None
    assert (entry.stop_loss, entry.take_profit, entry.size, entry.units) == (120.0, None, 0.5, None)
    assert (entry.placed_time, entry.bars_left) == (T0 + 2 * DAY, left)
    assert run_targets(DATA, targets(4, b2=-1, b3=0), config).open_orders == []
