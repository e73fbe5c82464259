"""Start and stop of the platform: seconds from launch to the first ``/health`` 200, then SIGTERM.

Each run launches ``python -m quant_gateway`` (all-in-one, embedded FerretDB; the ``hatch run run`` of
``make run`` without hatch's own start) on free ports, polls ``/health`` every 10 ms, waits
``--settle`` seconds (background work such as the demo seeding ends), sends SIGTERM and checks that
every process below it (FerretDB, pools) is gone. Rows: an existing data folder (kept from a first,
unmeasured start), an empty one (a new folder each run: FerretDB creates its files, the demo universe
is seeded in the background), the existing folder without the bytecode cache, and one first start
with an empty bytecode cache (what the first start after installing or changing code costs), and the
same start through ``hatch run run`` (and ``make run`` with ``--make``: its bootstrap checks included).
The CPU seconds of the platform process do not depend on other jobs; on a shared machine, ``--nice -10``
(root) gives the wall times of a quiet one.

    hatch run python gateway/bench/start_bench.py --runs 5 --make
"""

import argparse
import http.client
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quant_shared.embedded import free_port
from quant_shared.testing import leftovers


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def healthy(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", "/health")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


PLATFORM = [sys.executable, "-m", "quant_gateway", "--port", "{port}"]
HATCH_RUN = ["hatch", "run", "run", "--port", "{port}"]
MAKE_RUN = ["make", "--no-print-directory", "run", "HATCH=hatch"]


def one_run(
    data_dir: Path, env: dict[str, str], settle: float, command: list[str] = PLATFORM, timeout: float = 120.0
) -> dict:
    """One start and stop; ``command`` other than the platform itself (hatch, make) runs in a process
    group of its own and the group gets the SIGTERM, as from a terminal or a service manager."""
    port, db_port = free_port(), free_port()
    env = {**env, "QUANT_DATA_DIR": str(data_dir), "QUANT_EMBEDDED_DB_PORT": str(db_port)}
    if command is MAKE_RUN:
        port = 8500  # the Makefile's port
    group = command is not PLATFORM
    began = time.perf_counter()
    proc = subprocess.Popen(
        [arg.format(port=port) for arg in command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=group,
    )
    try:
        while not healthy(port):
            if proc.poll() is not None or time.perf_counter() - began > timeout:
                raise RuntimeError(f"the platform did not start (exit {proc.poll()})")
            time.sleep(0.01)
        ready = time.perf_counter() - began
        below = leftovers.descendants(proc.pid)
        matches = [p.pid for p in below if "-m quant_gateway" in p.command]  # the shell's, then python's
        platform = matches[-1] if matches else proc.pid
        cpu = cpu_seconds(platform)
        time.sleep(settle)
        below = leftovers.descendants(proc.pid)
        stopping = time.perf_counter()
        if group:
            os.killpg(proc.pid, signal.SIGTERM)
        else:
            proc.send_signal(signal.SIGTERM)
        code = proc.wait(120)
        while leftovers.alive(platform) and time.perf_counter() - stopping < 120:
            time.sleep(0.01)  # through hatch or make: until the platform itself has exited
        stop = time.perf_counter() - stopping
    finally:
        if proc.poll() is None:
            proc.kill()
    deadline = time.monotonic() + 5  # multiprocessing's helpers end once they see their parent gone
    while (left := [p for p in below if leftovers.alive(p.pid)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    for p in left:
        os.kill(p.pid, signal.SIGKILL)
    return {"ready": ready, "cpu": cpu, "stop": stop, "exit": code, "children": len(below), "left": len(left)}


def row(name: str, runs: list[dict]) -> str:
    ready = [r["ready"] for r in runs]
    spread = f"{min(ready):.2f}-{max(ready):.2f}" if len(runs) > 1 else "-"
    cpu = statistics.median(r["cpu"] for r in runs)
    stop = statistics.median(r["stop"] for r in runs)
    exits = ",".join(sorted({str(r["exit"]) for r in runs}))
    left = sum(r["left"] for r in runs)
    children = max(r["children"] for r in runs)
    return (
        f"| {name} | {len(runs)} | **{statistics.median(ready):.2f}** | {spread} | {cpu:.2f} "
        f"| {stop:.2f} | {exits} | {left} of {children} |"
    )


def main(argv: list[str] | None = None) -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--runs", type=int, default=5, help="runs per row (the cold row runs once)")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds between ready and SIGTERM")
    parser.add_argument("--make", action="store_true", help="also time `make run` (needs port 8500 free)")
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="niceness of the runs (root: -10 puts other jobs of a shared machine behind)",
    )
    args = parser.parse_args(argv)
    if args.nice:
        os.nice(args.nice)
    env = {k: v for k, v in os.environ.items() if k != "QUANT_MONGODB_URL"}
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"CPUs: {os.cpu_count()}, niceness {os.nice(0)}, load average before: {load}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="quant-start-") as tmp:
        existing = Path(tmp) / "existing"
        one_run(existing, env, args.settle)  # creates the folder, seeds it, warms the bytecode cache
        measured = [one_run(existing, env, args.settle) for _ in range(args.runs)]
        rows.append(row("existing data folder", measured))
        empty = [one_run(Path(tmp) / f"empty-{i}", env, args.settle) for i in range(args.runs)]
        rows.append(row("empty data folder", empty))
        no_cache = {**env, "QUANT_BYTECODE_CACHE": "0", "PYTHONDONTWRITEBYTECODE": "1"}
        rows.append(row("existing, no bytecode cache", [one_run(existing, no_cache, args.settle)]))
        cold = {**env, "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}
        cold.pop("PYTHONDONTWRITEBYTECODE", None)
        rows.append(row("existing, empty bytecode cache", [one_run(existing, cold, args.settle)]))
        rows.append(row("existing, `hatch run run`", [one_run(existing, env, args.settle, HATCH_RUN)]))
        if args.make:
            rows.append(row("existing, `make run`", [one_run(existing, env, args.settle, MAKE_RUN)]))
    print(f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(
        "| start | runs | /health 200 after, median s | min-max s | CPU s of the platform process "
        "| SIGTERM to exit, s | exit code | processes left of those started |"
    )
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
