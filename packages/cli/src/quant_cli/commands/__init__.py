"""Sub-commands of ``quant``."""
