"""How ``python -m quant_gateway`` starts fast and stops cleanly.

- **Stop**: SIGTERM (containers, service managers) and SIGINT (Ctrl-C) both unwind the stack, so every
  server this process started (FerretDB, the local services) is stopped before it exits with status 0
  (asked to stop, stopped). uvicorn handles both while it serves and raises the signal again once it
  has shut down, which lands here too.
- **Start**: FastAPI builds an included router's routes (dependencies, validators) when a request is
  first matched against them, and ``/health`` is matched against every domain's routes before the
  gateway's own: ``warm_routes`` does that (about 0.3 s of CPU) before the app serves, so neither the
  first ``/health`` nor the first request of a domain stalls the event loop for it.
- The start creates ~400,000 tracked objects (modules, classes, schemas) and little garbage (~3,000
  cyclic objects): the cyclic garbage collector, which would scan them again and again, is off while
  it imports and builds the app, then they are frozen out of its scans (``gc.freeze``): about 0.3 s
  of CPU less.
- With ``PYTHONDONTWRITEBYTECODE`` set (some images and sandboxes set it) every start would
  compile the modules it imports again (about 4 s); their bytecode is then kept under
  ``.tools/pycache`` (git-ignored) instead of next to the sources. ``QUANT_BYTECODE_CACHE=0`` turns it off.
"""

import gc
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
log = logging.getLogger("quant.gateway")


class Stopped(BaseException):  # noqa: N818 - not an error: the platform was asked to stop
    """Raised in the main thread by SIGTERM or SIGINT; unwinding stops what was started."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def keep_bytecode() -> None:
    """Cache compiled bytecode under ``.tools/pycache`` when writing it next to the sources is turned off."""
    if not sys.dont_write_bytecode or sys.pycache_prefix or os.environ.get("QUANT_BYTECODE_CACHE") == "0":
        return
    from quant_shared.embedded.ferretdb import tools_dir

    prefix = str(tools_dir().resolve() / "pycache")
    sys.pycache_prefix, sys.dont_write_bytecode = prefix, False
    os.environ["PYTHONPYCACHEPREFIX"] = prefix  # the processes we start (services, workers) share it
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def collect_garbage_later() -> None:
    """Turn the cyclic garbage collector off until ``collect_garbage_now``."""
    gc.disable()


def collect_garbage_now() -> None:
    """The start's objects live on: keep them out of every later collection, then collect as usual."""
    gc.freeze()
    gc.enable()


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Inside: SIGTERM and SIGINT raise ``Stopped`` once (a second signal while stopping is ignored).
    Leaving through ``Stopped`` ends the process with status 0 (after everything was stopped)."""
    stopping = False

    def on_signal(signum: int, frame: object) -> None:
        nonlocal stopping
        if not stopping:
            stopping = True
            raise Stopped(signum)

    previous: dict[int, Callable | int | None] = {sig: signal.signal(sig, on_signal) for sig in STOP_SIGNALS}
    try:
        yield
    except Stopped as stop:
        print(f"stopped ({stop})", file=sys.stderr, flush=True)
        raise SystemExit(0) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


def warm_routes(app) -> None:
    """Match a path no route has against every route: each router builds its routes now."""
    scope = {"type": "http", "method": "GET", "path": "/-warm-up-", "raw_path": b"/-warm-up-"}
    scope |= {"root_path": "", "query_string": b"", "headers": []}
    try:
        for route in app.router.routes:
            route.matches(dict(scope))
    except Exception:  # noqa: BLE001 - only a head start; the first request builds what is left
        log.debug("warming the routes failed", exc_info=True)
