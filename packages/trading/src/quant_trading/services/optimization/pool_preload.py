"""Imported once by the trial pool's fork server (``trial_pool``), before it forks any pool process:
the engine's compiled code is loaded there, so every pool process starts warm. Each pool process then
applies the allocator setting of the pool's owner itself (``pool_process.start_process``)."""

from quant_trading.services.optimization.pool_process import warm_up

warm_up()
