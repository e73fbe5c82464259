"""Trading optimizations: the service, the search, the trial pool (the trading README's "The trial
pool"). Nothing is imported here: the trial pool's processes import only what they run
(``pool_process``)."""
