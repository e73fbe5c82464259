"""Imported once by the trial pool's fork server (``trial_pool``), before it forks any pool process:
the engine's compiled code is loaded there, so every pool process starts warm. Freed memory is kept
for reuse as in every platform process (``quant_shared.allocator``; inherited by the forks)."""

from quant_shared.allocator import keep_freed_memory
from quant_shared.settings import get_settings
from quant_trading.services.optimization.pool_process import warm_up

keep_freed_memory(get_settings().malloc_keep_mb)
warm_up()
