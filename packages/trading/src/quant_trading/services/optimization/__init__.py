"""Trading optimizations (the trading README's "Trials"). Nothing is imported here: the trial pool's
processes import only what they run (``pool_process``)."""
