"""Trading optimisations: validation and runs (``service``, ``executor``), searches (``search``,
``parameter_space``, ``walk_forward``), the best trial's report (``best_trial``), trials stored as
they come (``trial_recorder``), and where trials run: this process's warm trial pool (``trial_pool``,
``pool_process``) and, on workers, ordinary tasks on the task queue (``trial_tasks``).

Nothing is imported here: the trial pool's processes import only what they run.
"""
