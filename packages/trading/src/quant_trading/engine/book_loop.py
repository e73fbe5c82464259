"""The accounting loop of a book of several open trades (pyramiding, hedging, partial closes), market
entries only. Per bar, at the open: queued signal closes (whole sides, then partial closes of every
trade), each trade's stop-loss / take-profit, the queued entry and its own levels in this bar; at the
close: the target (+1 / -1 adds a trade up to ``pyramiding`` per side, closing the other side first
unless ``hedging``; 0 closes all; +-0.5 closes one side) and the bar's close fraction, filled now with
``this_close`` timing, else queued; then the trailing stops and the margin rules, as the one-position
loop (``accounting``) does them for all the book's trades together.
"""

import numpy as np
from numba import njit

from quant_trading.engine.book import NOPEN, U, book_close_where, book_open, book_protect, book_trail
from quant_trading.engine.book import E as ENTRY_PX
from quant_trading.engine.slots import (
    CASH,
    FILL,
    FINALIZE,
    MAINT,
    N_CALLS,
    N_STATE,
    NTR,
    O_SIZE,
    O_SL,
    O_TP,
    P_DIR,
    P_SIZE,
    P_SL,
    P_TP,
    R_END,
    R_LIQUIDATION,
    R_SIGNAL,
    SHORT,
    SL_PCT,
    SL_PX,
    TP_PCT,
    TP_PX,
    TRAIL_ATR,
    TRAIL_PCT,
)

XL, XS, XF = N_STATE + 1, N_STATE + 2, N_STATE + 3  # queued: close longs, close shorts, close fraction


@njit(cache=True, nogil=True)
def _value(s, bk, c):
    eq, gross, net = s[CASH], 0.0, 0.0
    for k in range(int(s[NOPEN])):
        eq += bk[k, U] * (c - bk[k, ENTRY_PX])
        gross += abs(bk[k, U]) * c
        net += bk[k, U]
    return eq, gross, net


@njit(cache=True, nogil=True)
def _act(s, p, bk, tr, i, px, longs, shorts, fraction, d, sl, tp, size, queue, levels_from):
    """Closes (longs / shorts: 1.0 or 0.0), partial closes and an entry: queued for the next open, or
    done at ``px`` (the entry's levels counting from ``levels_from``)."""
    if queue:
        s[XL], s[XS], s[XF], s[P_DIR] = longs, shorts, fraction, d
        s[P_SL], s[P_TP], s[P_SIZE] = sl, tp, size
        return
    if longs != 0.0:
        book_close_where(s, p, bk, tr, i, px, 1.0, 1.0, R_SIGNAL, True)
    if shorts != 0.0:
        book_close_where(s, p, bk, tr, i, px, -1.0, 1.0, R_SIGNAL, True)
    if fraction == fraction:
        book_close_where(s, p, bk, tr, i, px, 0.0, fraction, R_SIGNAL, True)
    if d != 0:
        book_open(s, p, bk, i, d, px, True, levels_from, sl, tp, size)


@njit(cache=True, nogil=True)
def simulate_book(
    open_, high, low, close, target, params, initial_cash, orders, atr, fractions, depth, hedge
):
    """``simulate`` for a book of at most ``depth`` trades a side; ``fractions[i]``: close that share
    of every open trade (NaN: none; no rows: never). Returns (equity, net units, drawdown, trades,
    state, open trades)."""
    n, p = close.shape[0], params
    s = np.zeros(N_STATE + 4)
    s[CASH], s[XF] = initial_cash, np.nan
    bk = np.zeros((2 * depth, 7))
    partial = 0
    for i in range(fractions.shape[0]):
        partial += 1 if fractions[i] == fractions[i] else 0
    tr = np.empty((n + 2 * depth * (partial + 1) + 2, 8))  # entries + partial closes: the records
    equity, units, drawdown = np.empty(n), np.empty(n), np.empty(n)
    peak, now = initial_cash, p[FILL] == 1.0
    trailing = p[TRAIL_PCT] == p[TRAIL_PCT] or p[TRAIL_ATR] == p[TRAIL_ATR]
    protective = trailing or orders.shape[0] > 0  # can any trade have a stop-loss / take-profit?
    for k in (SL_PCT, TP_PCT, SL_PX, TP_PX):
        protective = protective or p[k] == p[k]
    for i in range(n):
        o, h, lo, c = open_[i], high[i], low[i], close[i]
        if s[XL] != 0.0 or s[XS] != 0.0 or s[XF] == s[XF] or s[P_DIR] != 0.0:  # queued at the last close
            _act(s, p, bk, tr, i, o, s[XL], s[XS], s[XF], s[P_DIR], s[P_SL], s[P_TP], s[P_SIZE], False, i)
            s[XL] = s[XS] = s[P_DIR] = 0.0
            s[XF] = np.nan
        if protective and s[NOPEN] > 0.0:
            book_protect(s, p, bk, tr, i, o, h, lo)  # a new trade's own levels count from this bar
        t = target[i]
        r = fractions[i] if fractions.shape[0] > 0 else np.nan
        if t == t or r == r:
            if p[SHORT] == 0.0 and t == -1.0:
                t = 0.0
            longs = 1.0 if t == 0.0 or t == 0.5 or (t == -1.0 and not hedge) else 0.0
            shorts = 1.0 if t == 0.0 or t == -0.5 or (t == 1.0 and not hedge) else 0.0
            d = 0.0
            if t == 1.0 or t == -1.0:
                same = 0
                for k in range(int(s[NOPEN])):
                    same += 1 if bk[k, U] * t > 0 else 0
                d = t if same < depth else 0.0
            has = orders.shape[0] > 0
            sl = orders[i, O_SL] if has else np.nan
            tp = orders[i, O_TP] if has else np.nan
            size = orders[i, O_SIZE] if has else np.nan
            _act(s, p, bk, tr, i, c, longs, shorts, r, d, sl, tp, size, not now, i + 1)
        if trailing:
            book_trail(s, p, bk, c, atr[i] if atr.shape[0] > 0 else np.nan)
        if p[FINALIZE] == 1.0 and i == n - 1:
            book_close_where(s, p, bk, tr, i, c, 0.0, 1.0, R_END, True)
        eq, gross, net = _value(s, bk, c)
        if eq <= 0:
            book_close_where(s, p, bk, tr, i, c, 0.0, 1.0, R_LIQUIDATION, False)
            equity[i:], units[i:], drawdown[i:] = 0.0, 0.0, -1.0
            s[CASH] = 0.0
            break
        if p[MAINT] > 0.0 and eq < p[MAINT] * gross:
            book_close_where(s, p, bk, tr, i, c, 0.0, 1.0, R_LIQUIDATION, False)
            s[N_CALLS] += 1.0
            eq, gross, net = _value(s, bk, c)
        equity[i], units[i] = eq, net
        peak = max(peak, eq)
        drawdown[i] = eq / peak - 1.0
    return equity, units, drawdown, tr[: int(s[NTR])].copy(), s, bk[: int(s[NOPEN])].copy()
