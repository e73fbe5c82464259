"""A test process that outlives its session: after the last test, the interpreter's exit joins every
non-daemon thread (executor workers, process-pool managers). Should one of them never return, the
watchdog prints every thread's stack, saves the coverage data measured so far and ends the process
with the session's status instead of leaving it hanging."""

import faulthandler
import os
import sys
import threading
import time

GRACE_SECONDS = 120.0


def _save_coverage() -> None:
    try:
        import coverage
    except ImportError:
        return
    current = coverage.Coverage.current()
    if current is not None:
        current.stop()
        current.save()


def _watch(status: int, grace: float) -> None:
    time.sleep(grace)
    print(f"\nThe test process did not exit {grace:.0f} s after its session; its threads:", file=sys.stderr)
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    sys.stderr.flush()
    _save_coverage()
    os._exit(status)


def arm(status: int, grace: float = GRACE_SECONDS) -> None:
    """Start the watchdog (a daemon thread: a normal exit never waits for it)."""
    threading.Thread(target=_watch, args=(int(status), grace), name="exit-watchdog", daemon=True).start()
