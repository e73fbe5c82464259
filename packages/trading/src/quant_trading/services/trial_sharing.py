"""How a shared optimisation's batch is cut into chunks, and how a process evaluates one.

Used by the coordinator and its helpers (``dealt_trials``): chunks rather than single trials keep
the messages per trial few, and guided sizes let the processes run out of work together.
"""

import math

from quant_trading.services import optimization_worker as worker

IDLE_POLL_SECONDS = 0.2  # a waiting process looks whether the run goes on (a database read) this often
MAX_CHUNKS_PER_PROCESS = 20  # chunks of a batch per process at most (see ``chunk_sizes``)
MAX_TRIALS_PER_CHUNK = 256  # 256 trials of 0.4 s take 100 s: inside the default 120 s lease
TAIL_PER_PROCESS = 3  # the last trials, per process, go in chunks of the smallest size


def chunk_sizes(trials: int, processes: int) -> list[int]:
    """Trials per chunk of a batch, in ``seq`` order: large at both ends, small in the middle.

    Guided sizes (each a ``1 / (2 * processes)`` share of what is left) so that the processes run out
    of work at nearly the same time, however their speeds differ; ordered so that the coordinator (from
    the first) and the helpers (from the last) both start with large chunks and meet on small ones. A
    chunk costs two broker round trips, so there are at most ``MAX_CHUNKS_PER_PROCESS`` per process;
    and at most ``MAX_TRIALS_PER_CHUNK`` trials, so that a chunk ends well inside its lease (and its
    outputs inside the broker's message limit). The last ``TAIL_PER_PROCESS`` trials per process are
    chunks of the smallest size, so that the processes meet on them although one started later or
    runs a little slower. 40 trials on 2 processes: 10 6 3 1 1 1 1 1 1 3 4 8 (equal chunks of 5 left
    one process idle for up to a chunk, ~0.15 s on 500,000 bars; a 2 or 3 where they met, up to
    0.07 s).
    """
    smallest = math.ceil(trials / (processes * MAX_CHUNKS_PER_PROCESS))
    sizes, left = [], trials
    while left > 0:
        guided = math.ceil(left / (2 * processes)) if left > TAIL_PER_PROCESS * processes else 1
        share = min(MAX_TRIALS_PER_CHUNK, max(smallest, guided))
        sizes.append(min(left, share))
        left -= sizes[-1]
    return sizes[0::2] + sizes[1::2][::-1]


def evaluate_chunk(state: worker.TrialState, item: dict) -> list[dict]:
    return [worker.evaluate_in(state, point, item["lo"], item["hi"]) for point in item["points"]]
