"""Server processes the platform starts: a port taken by someone else, and children that die with us.

Linux details (``/proc``, ``prctl``) are used when present and skipped elsewhere.
"""

import ctypes
import errno
import functools
import os
import signal
import socket
import threading
from collections.abc import Callable
from pathlib import Path

PR_SET_PDEATHSIG = 1


class PortInUseError(RuntimeError):
    """A server the platform did not start already listens on a port the platform wants."""


def port_owner(port: int) -> str | None:
    """``pid N (command line)`` of the process listening on TCP ``port``, when ``/proc`` tells."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 9 and fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{fields[9]}]")
    for proc in Path("/proc").glob("[0-9]*") if inodes else ():
        try:
            if any(os.readlink(fd) in inodes for fd in (proc / "fd").iterdir()):
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                return f"pid {proc.name} ({cmdline.strip()[:120]})"
        except OSError:
            continue
    return None


def ensure_port_free(port: int, what: str, variable: str | None = None, host: str = "127.0.0.1") -> None:
    """Raise ``PortInUseError`` naming ``port`` (and ``variable``, the setting to change it) when taken."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a closed server's TIME_WAIT is fine
        try:
            sock.bind((host, port))
            return
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
    raise PortInUseError(port_in_use_message(port, what, variable))


def port_in_use_message(port: int, what: str, variable: str | None = None) -> str:
    owner = port_owner(port)
    found = f" by {owner}" if owner else ""
    change = f"set {variable} to a free port or stop that server" if variable else "stop that server"
    return (
        f"port {port} is already in use{found}: {what} cannot listen there, and a server the platform "
        f"did not start is never used in its place; {change}"
    )


def die_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` making the child receive SIGTERM when this process dies, even by SIGKILL.

    The kernel ties it to the starting *thread*, so it is given only to children started from the main
    thread (which lives as long as the process); ``None`` where ``prctl`` is unavailable.
    """
    prctl = libc_prctl()
    if prctl is None or threading.current_thread() is not threading.main_thread():
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the call: nobody would signal us
            os.kill(os.getpid(), signal.SIGTERM)

    return preexec


@functools.cache
def libc_prctl():
    """The C library's ``prctl`` (Linux), else ``None``."""
    if not os.path.exists("/proc/self"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
