"""The portfolio's accounting loop (Numba): rebalances to target weights at the close, each asset's
stop-loss / take-profit / trailing stop with the single-instrument engine's fill rules, margin calls.

Cash is real cash (negative when leveraged); equity = cash + sum(units x close). A rebalance trades
every asset to ``weight x`` the equity left after the rebalance's own costs: buys fill at
``close x (1 + slippage) x (1 + spread)``, sells at ``close x (1 - slippage)``, each paying
``commission`` x its fill notional plus ``commission_fixed``. Per asset, one row of the engine's state
vector (``slots``) holds its units, last buy price and levels, so ``positions.protect`` and
``positions.trail`` apply to it unchanged.
"""

import numpy as np
from numba import njit

from quant_trading.engine import fills as f
from quant_trading.engine.positions import protect, trail
from quant_trading.engine.slots import (
    COMM,
    ENTRY,
    FINALIZE,
    FIXED,
    MAINT,
    N_STATE,
    NTR,
    R_END,
    R_LIQUIDATION,
    R_SL,
    SL,
    SL_PCT,
    SLIP,
    SLTP_FROM,
    SPREAD,
    TP,
    TP_PCT,
    TRAIL_ATR,
    TRAIL_PCT,
    UNITS,
)

N_REASONS = 5  # exit reasons, in ExitReason order (slots.R_*)


@njit(cache=True, nogil=True)
def _sell(st, p, acct, j, units, raw, slipped):
    """Sell ``units`` of asset j at ``raw`` (slipped or not); returns the cash received."""
    fill = f.slip(raw, False, p[SLIP]) if slipped else raw
    comm = p[FIXED] + units * fill * p[COMM]
    acct[j, 0] += units * fill - comm  # cash flow
    acct[j, 1] += units * (raw - fill) + comm  # costs
    acct[j, 2] += units * raw  # traded notional
    st[j, UNITS] -= units
    return units * fill - comm


@njit(cache=True, nogil=True)
def _close_all(st, p, acct, exits, c, reason, slipped):
    """Sell every holding at this close; returns the cash received."""
    got = 0.0
    for j in range(st.shape[0]):
        if st[j, UNITS] != 0.0:
            got += _sell(st, p, acct, j, st[j, UNITS], c[j], slipped)
            st[j, SL], st[j, TP] = np.nan, np.nan
            exits[j, reason] += 1
    return got


@njit(cache=True, nogil=True)
def _post_cost_equity(st, p, w, c, value):
    """The equity after this rebalance's costs (each asset then holds ``w x`` it): linear once the
    side (buy / sell / none) of every asset is known, re-solved until the sides agree."""
    cb = (1.0 + p[SLIP]) * (1.0 + p[SPREAD]) * (1.0 + p[COMM]) - 1.0
    cs = 1.0 - (1.0 - p[SLIP]) * (1.0 - p[COMM])
    tol = 1e-12 * max(1.0, abs(value))
    after = value
    for _ in range(2 * st.shape[0] + 2):
        a, b = 1.0, value
        for j in range(st.shape[0]):
            held = st[j, UNITS] * c[j]
            d = w[j] * after - held
            if d > tol:
                a, b = a + cb * w[j], b + cb * held - p[FIXED]
            elif d < -tol:
                a, b = a - cs * w[j], b - cs * held - p[FIXED]
        if b / a == after:
            break
        after = b / a
    return after


@njit(cache=True, nogil=True)
def _rebalance(st, p, acct, w, c, value, t):
    """Trade every asset to its weight at this close; returns the cash change."""
    after = _post_cost_equity(st, p, w, c, value)
    if not after > 0.0:
        return 0.0
    tol = 1e-12 * max(1.0, abs(value))
    delta = 0.0
    for j in range(st.shape[0]):
        d = w[j] * after - st[j, UNITS] * c[j]
        if d < -tol:
            delta += _sell(st, p, acct, j, -d / c[j], c[j], True)
            if w[j] == 0.0:
                st[j, UNITS], st[j, SL], st[j, TP] = 0.0, np.nan, np.nan
        elif d > tol:
            units = d / c[j]
            fill = f.slip(c[j], True, p[SLIP]) * (1.0 + p[SPREAD])
            paid = units * fill * (1.0 + p[COMM]) + p[FIXED]
            acct[j, 0] -= paid
            acct[j, 1] += paid - d
            acct[j, 2] += d
            st[j, UNITS] += units
            delta -= paid
            st[j, ENTRY], st[j, SLTP_FROM] = fill, t + 1  # levels restart from the last buy
            st[j, SL] = fill * (1.0 - p[SL_PCT]) if p[SL_PCT] == p[SL_PCT] else np.nan
            st[j, TP] = fill * (1.0 + p[TP_PCT]) if p[TP_PCT] == p[TP_PCT] else np.nan
    return delta


@njit(cache=True, nogil=True)
def _protect(st, p, acct, exits, tr, t, j, o, h, lo):
    """Asset j's stop-loss, then take-profit, in this bar (``positions.protect``); the cash."""
    u, sl = st[j, UNITS], st[j, SL]
    st[j, NTR] = 0.0
    protect(st[j], p, tr, t, o, h, lo)
    if st[j, UNITS] != 0.0:
        return 0.0
    fill, comm, reason = tr[0, 3], tr[0, 6], int(tr[0, 7])
    raw = min(o, sl) if reason == R_SL else fill
    acct[j, 0] += u * fill - comm
    acct[j, 1] += u * (raw - fill) + comm
    acct[j, 2] += u * raw
    exits[j, reason] += 1
    return u * fill - comm


@njit(cache=True, nogil=True)
def simulate_portfolio(o, h, lo, c, w, mask, p, cash0, atr):
    """Returns (equity, weights held after each close, acct[k, 3]: cash flow, costs, traded notional
    per asset, exits[k, reason], margin calls, units still held)."""
    n, k = c.shape
    st = np.zeros((k, N_STATE))
    st[:, SL], st[:, TP] = np.nan, np.nan
    tr = np.empty((1, 8))
    acct, exits = np.zeros((k, 3)), np.zeros((k, N_REASONS), dtype=np.int64)
    equity, held = np.zeros(n), np.zeros((n, k))
    cash, calls, maint = cash0, 0, p[MAINT]
    trailing = p[TRAIL_PCT] == p[TRAIL_PCT] or p[TRAIL_ATR] == p[TRAIL_ATR]
    levels = trailing or p[SL_PCT] == p[SL_PCT] or p[TP_PCT] == p[TP_PCT]
    for t in range(n):
        for j in range(k if levels and t > 0 else 0):
            if st[j, UNITS] != 0.0 and (lo[t, j] <= st[j, SL] or h[t, j] >= st[j, TP]):  # NaN: none
                cash += _protect(st, p, acct, exits, tr, t, j, o[t, j], h[t, j], lo[t, j])
        value = cash
        for j in range(k):
            value += st[j, UNITS] * c[t, j]
        if mask[t] and value > 0.0:
            cash += _rebalance(st, p, acct, w, c[t], value, t)
        value, gross = cash, 0.0
        for j in range(k):
            u = st[j, UNITS]
            if trailing and u != 0.0:
                trail(st[j], p, c[t, j], atr[t, j] if atr.shape[0] > 0 else np.nan)
            value += u * c[t, j]
            gross += u * c[t, j]
        if maint > 0.0 and 0.0 < value < maint * gross:
            cash += _close_all(st, p, acct, exits, c[t], R_LIQUIDATION, False)
            calls += 1
            value = cash
        if value <= 0.0:
            cash += _close_all(st, p, acct, exits, c[t], R_LIQUIDATION, False)
            break
        equity[t] = value
        for j in range(k):
            held[t, j] = st[j, UNITS] * c[t, j] / value
    if p[FINALIZE] == 1.0 and equity[n - 1] > 0.0:
        cash += _close_all(st, p, acct, exits, c[n - 1], R_END, True)
        equity[n - 1], held[n - 1] = cash, 0.0
    return equity, held, acct, exits, calls, st[:, UNITS].copy()
