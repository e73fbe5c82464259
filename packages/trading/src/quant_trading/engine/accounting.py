"""The position and equity accounting loop (Numba), one instrument, one position at a time.

Per bar: the bar's orders and target (``orders.bar``, only on bars where something can happen), the
trailing stop from the close, equity marked at the close, then the margin rules at the close: equity
<= 0 closes the position and ends the run (backtesting.py's rule); equity below ``maintenance_margin``
x the position's value closes it (a margin call) and the run goes on. ``finalize_trades`` closes a
position still open at the last bar's close. Costs are booked in the bar whose price the order fills
at. The kernels live in ``positions`` (open, close, protect, trail) and ``orders`` (one bar's orders).
"""

import numpy as np
from numba import njit

from quant_trading.engine.orders import bar
from quant_trading.engine.positions import close_position, trail
from quant_trading.engine.slots import (  # noqa: F401  (the slot names, as this module always had them)
    B_SIZE,
    B_SL,
    B_TP,
    CASH,
    ENTRY,
    FINALIZE,
    MAINT,
    N_CALLS,
    N_PARAMS,
    N_STATE,
    NTR,
    O_SIZE,
    O_SL,
    O_TP,
    P_DIR,
    P_EXIT,
    R_END,
    R_LIQUIDATION,
    SL,
    SL_PCT,
    SL_PX,
    TP,
    TP_PCT,
    TP_PX,
    TRAIL_ATR,
    TRAIL_PCT,
    UNITS,
)


@njit(cache=True, nogil=True)
def at_close(s, p, tr, i, c, atr, trailing, maint):
    """The open position at the close: its trailing stop moved, then a margin call when equity (still
    > 0) is below ``maint`` x its value."""
    if trailing:
        trail(s, p, c, atr)
    eq = s[CASH] + s[UNITS] * (c - s[ENTRY])
    if maint > 0.0 and 0.0 < eq < maint * abs(s[UNITS]) * c:
        close_position(s, p, tr, i, c, R_LIQUIDATION, False)
        s[N_CALLS] += 1.0


@njit(cache=True, nogil=True)
def simulate(open_, high, low, close, target, params, initial_cash):
    """Returns (equity, units per bar, drawdown per bar, trades[k, 8], final state)."""
    return simulate_orders(
        open_, high, low, close, target, params, initial_cash, np.empty((0, 3)), np.empty(0)
    )


@njit(cache=True, nogil=True)
def simulate_orders(open_, high, low, close, target, params, initial_cash, orders, atr):
    """``simulate`` with per-order levels and sizes (``orders[i]``: stop-loss price, take-profit price,
    size of an entry placed at bar i; NaN: the config's; no rows: none) and the ATR of a trailing stop."""
    n = close.shape[0]
    s = np.zeros(N_STATE)
    s[CASH], s[SL], s[TP] = initial_cash, np.nan, np.nan
    s[B_SL], s[B_TP], s[B_SIZE] = np.nan, np.nan, np.nan
    tr = np.empty((2 * n + 2, 8))  # <= 2 trades open per bar; untouched rows cost no memory
    equity = np.empty(n)
    units = np.empty(n)
    drawdown = np.empty(n)
    peak = initial_cash
    p = params
    own = orders.shape[0] > 0
    trailing = p[TRAIL_PCT] == p[TRAIL_PCT] or p[TRAIL_ATR] == p[TRAIL_ATR]
    maint = p[MAINT]
    protective = own or trailing or maint > 0.0  # every bar in a position is an event bar
    for k in (SL_PCT, TP_PCT, SL_PX, TP_PX):
        protective = protective or p[k] == p[k]
    for i in range(n):
        t = target[i]
        if t == t or s[P_EXIT] != 0.0 or s[P_DIR] != 0.0 or (protective and s[UNITS] != 0.0):
            if own:
                s[B_SL], s[B_TP], s[B_SIZE] = orders[i, O_SL], orders[i, O_TP], orders[i, O_SIZE]
            bar(s, p, tr, i, open_[i], high[i], low[i], close[i], t, protective)
            if s[UNITS] != 0.0 and (trailing or maint > 0.0):
                a = atr[i] if atr.shape[0] > 0 else np.nan
                at_close(s, p, tr, i, close[i], a, trailing, maint)
        c = close[i]
        eq = s[CASH] + s[UNITS] * (c - s[ENTRY])
        if eq <= 0:
            if s[UNITS] != 0:
                close_position(s, p, tr, i, c, R_LIQUIDATION, False)
            equity[i:] = 0.0
            units[i:] = 0.0
            drawdown[i:] = -1.0
            s[CASH] = 0.0
            break
        equity[i] = eq
        units[i] = s[UNITS]
        peak = max(peak, eq)
        drawdown[i] = eq / peak - 1.0
    if p[FINALIZE] == 1.0 and s[UNITS] != 0.0:  # (a wiped-out run has closed it)
        close_position(s, p, tr, n - 1, close[n - 1], R_END, True)
        before = max(initial_cash, equity[: n - 1].max()) if n > 1 else initial_cash
        equity[n - 1], units[n - 1] = s[CASH], 0.0
        drawdown[n - 1] = s[CASH] / max(before, s[CASH]) - 1.0
    return equity, units, drawdown, tr[: int(s[NTR])].copy(), s
