"""Several open trades per instrument (Numba): a FIFO book of trades for pyramiding, hedging and
partial closes, with the single-position engine's fills, costs, levels and trailing stops.

``bk[k]`` holds the k-th oldest open trade: units (signed), entry price, entry bar, entry commission
still unbooked in trade records, stop-loss, take-profit, the bar its levels count from. A partial
close books a trade record for the closed units with their share of the entry commission.
"""

import numpy as np
from numba import njit

from quant_trading.engine import fills as f
from quant_trading.engine.slots import (
    CASH,
    COMM,
    FEE_PER_UNIT,
    FIXED,
    FRACTIONAL,
    LEVERAGE,
    NTR,
    R_SL,
    R_TP,
    SIZE,
    SIZING,
    SL_PCT,
    SL_PX,
    SLIP,
    SPREAD,
    TP_PCT,
    TP_PX,
    TRAIL_ATR,
    TRAIL_PCT,
)

NOPEN = 23  # state slot: open trades in the book (the book's own slots follow the engine's)
U, E, EB, EC, BSL, BTP, BFROM = 0, 1, 2, 3, 4, 5, 6


@njit(cache=True, nogil=True)
def book_open(s, p, bk, i, d, raw, slipped, sltp_from, sl, tp, size):
    """Add a trade in direction d at ``raw``; buying power: (equity - open value / leverage) x leverage,
    both marked at ``raw`` (backtesting.py's margin_available, which it marks at the bar's close)."""
    m = int(s[NOPEN])
    if m >= bk.shape[0]:
        return False
    fill = f.slip(raw, d > 0, p[SLIP]) if slipped else raw
    entry = fill * (1.0 + d * p[SPREAD])
    eq, used = s[CASH], 0.0
    for k in range(m):
        eq += bk[k, U] * (raw - bk[k, E])
        used += abs(bk[k, U]) * raw
    power = max(0.0, eq - used / p[LEVERAGE]) * p[LEVERAGE]
    rate, fixed = p[COMM], p[FIXED]
    size = p[SIZE] if size != size else size
    if p[SIZING] == 0:
        budget, per_unit = power * size - fixed, entry + entry * rate
        if p[FEE_PER_UNIT]:
            budget, per_unit = power * size, entry + (fixed + size * fill * rate) / size
        units = budget / per_unit if p[FRACTIONAL] else budget // per_unit
    else:
        units = size if p[FRACTIONAL] else np.floor(size)
        if units * (entry + (fill if p[FEE_PER_UNIT] else entry) * rate) + fixed > power:
            return False
    if units <= 0:
        return False
    comm = fixed + units * entry * rate
    s[CASH] -= comm
    bk[m, U], bk[m, E], bk[m, EB], bk[m, EC], bk[m, BFROM] = d * units, entry, i, comm, sltp_from
    if sl != sl:
        sl = p[SL_PX] if p[SL_PX] == p[SL_PX] else entry * (1.0 - d * p[SL_PCT])
    if tp != tp:
        tp = p[TP_PX] if p[TP_PX] == p[TP_PX] else entry * (1.0 + d * p[TP_PCT])
    bk[m, BSL], bk[m, BTP] = sl, tp
    s[NOPEN] = m + 1
    return True


@njit(cache=True, nogil=True)
def book_close(s, p, bk, tr, k, i, raw, reason, slipped, units):
    """Close ``units`` (at most all) of trade k at ``raw``; the rest stays open in its place."""
    u = bk[k, U]
    part = min(units, abs(u))
    sign = 1.0 if u > 0 else -1.0
    fill = f.slip(raw, u < 0, p[SLIP]) if slipped else raw
    comm = p[FIXED] + part * fill * p[COMM]
    entry_comm = bk[k, EC] if part == abs(u) else bk[k, EC] * part / abs(u)
    gross = sign * part * (fill - bk[k, E])
    s[CASH] += gross - comm
    n = int(s[NTR])
    tr[n, 0], tr[n, 1], tr[n, 2], tr[n, 3] = bk[k, EB], i, bk[k, E], fill
    tr[n, 4], tr[n, 5], tr[n, 6], tr[n, 7] = sign * part, gross - comm - entry_comm, comm + entry_comm, reason
    s[NTR] = n + 1
    if part < abs(u):
        bk[k, U] -= sign * part
        bk[k, EC] -= entry_comm
        return
    m = int(s[NOPEN])
    for j in range(k, m - 1):  # the later trades move up one row (plain loops: quicker to compile)
        for col in range(bk.shape[1]):
            bk[j, col] = bk[j + 1, col]
    s[NOPEN] = m - 1


@njit(cache=True, nogil=True)
def book_close_where(s, p, bk, tr, i, raw, side, fraction, reason, slipped):
    """Close the trades of ``side`` (0: all), oldest first; ``fraction`` < 1 closes that share of each
    (whole units: max(1, round(units x fraction)), as backtesting.py's ``Trade.close(portion)``)."""
    k = 0
    while k < int(s[NOPEN]):
        u = bk[k, U]
        if side != 0 and u * side <= 0:
            k += 1
            continue
        units = abs(u) * fraction
        if fraction < 1.0 and p[FRACTIONAL] == 0.0:
            units = max(1.0, np.round(units))
        before = int(s[NOPEN])
        book_close(s, p, bk, tr, k, i, raw, reason, slipped, units)
        if int(s[NOPEN]) == before:
            k += 1


@njit(cache=True, nogil=True)
def book_protect(s, p, bk, tr, i, o, h, lo):
    """Each open trade's stop-loss, then its take-profit, oldest trade first."""
    k = 0
    while k < int(s[NOPEN]):
        u, sl, tp = bk[k, U], bk[k, BSL], bk[k, BTP]
        before = int(s[NOPEN])
        if i >= bk[k, BFROM]:
            if u > 0 and sl == sl and lo <= sl:
                book_close(s, p, bk, tr, k, i, min(o, sl), R_SL, True, abs(u))
            elif u > 0 and tp == tp and h >= tp:
                book_close(s, p, bk, tr, k, i, max(o, tp), R_TP, False, abs(u))
            elif u < 0 and sl == sl and h >= sl:
                book_close(s, p, bk, tr, k, i, max(o, sl), R_SL, True, abs(u))
            elif u < 0 and tp == tp and lo <= tp:
                book_close(s, p, bk, tr, k, i, min(o, tp), R_TP, False, abs(u))
        if int(s[NOPEN]) == before:
            k += 1


@njit(cache=True, nogil=True)
def book_trail(s, p, bk, c, atr):
    """Each open trade's trailing stop-loss from this close, kept when tighter (``positions.trail``)."""
    pct, mult = p[TRAIL_PCT], p[TRAIL_ATR]
    for k in range(int(s[NOPEN])):
        sign = 1.0 if bk[k, U] > 0 else -1.0
        level = c * (1.0 - sign * pct)
        alt = c - sign * atr * mult
        if level != level or (alt == alt and sign * (alt - level) > 0):
            level = alt  # the tighter of the two (NaN: not set)
        sl = bk[k, BSL]
        if level == level and (sl != sl or sign * (level - sl) > 0):
            bk[k, BSL] = level
