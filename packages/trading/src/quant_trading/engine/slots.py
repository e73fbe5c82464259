"""Slots of the accounting loop's state and parameter vectors (float64 arrays, Numba constants)."""

# state: cash, the open position, its protective levels, the trade count
CASH, UNITS, ENTRY, ENTRY_BAR, ENTRY_COMM, SL, TP, SLTP_FROM, NTR = 0, 1, 2, 3, 4, 5, 6, 7, 8
# state: the pending entry order (direction, type, prices, age, stop-limit triggered) and signal exit
P_DIR, P_TYPE, P_LIMIT, P_STOP, P_CREATED, P_TRIG, P_EXIT = 9, 10, 11, 12, 13, 14, 15
# state: the pending entry's own stop-loss / take-profit price and size (NaN: the config's); margin calls
P_SL, P_TP, P_SIZE, N_CALLS = 16, 17, 18, 19
# state: this bar's order levels and size (``orders[i]``; NaN when the run has none)
B_SL, B_TP, B_SIZE = 20, 21, 22
N_STATE = 23

# parameters
COMM, FIXED, SLIP, SIZING, SIZE, SHORT, FILL, ETYPE, LIM_OFF, STOP_OFF = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9
VALID, SL_PCT, TP_PCT, FRACTIONAL, FEE_PER_UNIT = 10, 11, 12, 13, 14
SPREAD, TRAIL_PCT, TRAIL_ATR, LEVERAGE, MAINT, FINALIZE, SL_PX, TP_PX = 15, 16, 17, 18, 19, 20, 21, 22
LEVELS = 23  # 1: absolute stop-loss / take-profit prices (the config's or the orders')
N_PARAMS = 24

# per-order columns (``orders[i]``: the order placed at bar i)
O_SL, O_TP, O_SIZE = 0, 1, 2

# exit reasons (ExitReason order)
R_SIGNAL, R_SL, R_TP, R_END, R_LIQUIDATION = 0, 1, 2, 3, 4
