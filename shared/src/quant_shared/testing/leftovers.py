"""Processes a test run leaves behind: found, named and stopped by the suite runner.

The runner becomes a *child subreaper* (Linux ``prctl``): a process whose parent exits is handed to the
nearest subreaper instead of ``init``, so every server a member's tests started and did not stop (a
``nats-server`` or FerretDB in a session of its own, a service, a worker) becomes the runner's child once
that member's pytest has exited, and is listed here. Elsewhere nothing is adopted and nothing is found.
"""

import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from quant_shared.embedded.processes import libc_prctl

PR_SET_CHILD_SUBREAPER = 36


@dataclass(frozen=True)
class Leftover:
    pid: int
    command: str

    def __str__(self) -> str:
        return f"pid {self.pid}: {self.command}"


def adopt_orphans() -> bool:
    """Make this process the subreaper of its descendants; False where that is unsupported."""
    prctl = libc_prctl()
    return prctl is not None and prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


def children(parent: int | None = None) -> list[Leftover]:
    """Live (not zombie) child processes of ``parent`` (this process), from ``/proc``."""
    parent = os.getpid() if parent is None else parent
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            stat = (proc / "stat").read_text()
            state, ppid = stat.rsplit(")", 1)[1].split()[:2]
            if int(ppid) != parent or state == "Z":
                continue
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError, IndexError):
            continue
        found.append(Leftover(int(proc.name), command.strip()[:1000]))
    return sorted(found, key=lambda p: p.pid)


def descendants(root: int) -> list[Leftover]:
    """Every live process below ``root`` (children, their children, ...)."""
    found, queue = [], [root]
    while queue:
        below = children(queue.pop())
        found += below
        queue += [p.pid for p in below]
    return found


def alive(pid: int) -> bool:
    """The process runs (a zombie, exited but not yet collected, does not)."""
    return _alive(pid)


def reap() -> None:
    """Collect exited adopted children (they would stay zombies otherwise)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def stop(leftovers: list[Leftover], grace: float = 5.0) -> None:
    """SIGTERM each, SIGKILL whatever still runs after ``grace`` seconds; reap them."""
    for signum, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        alive = [p for p in leftovers if _alive(p.pid)]
        for p in alive:
            try:
                os.kill(p.pid, signum)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + wait
        while alive and time.monotonic() < deadline:
            reap()
            alive = [p for p in alive if _alive(p.pid)]
            time.sleep(0.05)
    reap()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"
