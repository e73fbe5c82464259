"""Keep freed memory for reuse instead of handing it back to the kernel after every large array.

With glibc's defaults, a NumPy array of a few megabytes is served by ``mmap`` or from the top of the
heap, and freeing it returns the pages to the kernel (``munmap``, heap trim). The next array of that
size faults every page in again: on a 500,000-bar backtest about a third of the CPU time went to page
faults in the kernel. ``keep_freed_memory`` raises the ``mmap`` threshold (arrays up to 32 MB come
from the heap) and lets the heap keep up to ``keep_mb`` of free memory at its top, so freed arrays are
reused. Every thread allocates from that one heap (one arena): trials run in a worker thread
(``asyncio.to_thread``), and a thread's own arena (heaps of 64 MB) gave the pages of 1,000,000-bar
arrays back all the same. Measured in ``bench.allocator_benchmark`` (trading). Other C libraries:
nothing is changed.
"""

import ctypes
import logging
import sys

log = logging.getLogger("quant.allocator")

M_TRIM_THRESHOLD = -1  # <malloc.h>: free memory the heap keeps at its top before trimming
M_MMAP_THRESHOLD = -3  # <malloc.h>: smallest request served by its own mmap
M_ARENA_MAX = -8  # <malloc.h>: most arenas (1: every thread allocates from the main heap)
MMAP_THRESHOLD_BYTES = 32 * 1024 * 1024  # glibc's largest accepted value on 64-bit systems
_applied: int | None = None


def keep_freed_memory(keep_mb: int) -> bool:
    """Apply once per process (glibc only; ``keep_mb`` 0: the defaults stay); True when applied now
    or earlier in this process."""
    global _applied
    if _applied is not None:
        return _applied > 0
    _applied = 0
    if keep_mb <= 0 or not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # musl and other C libraries: no glibc mallopt
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    keep = min(keep_mb, 2047) * 1024 * 1024  # an int in C
    settings = ((M_ARENA_MAX, 1), (M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES), (M_TRIM_THRESHOLD, keep))
    if not all(mallopt(param, value) for param, value in settings):
        log.warning("mallopt refused the allocator settings; the defaults stay")
        return False
    _applied = keep_mb
    return True
