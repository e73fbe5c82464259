"""Run the whole workspace's tests: one pytest process per member, under coverage, then one report.

Each member's ``tests/`` folder is its own package named ``tests`` and each member initializes Beanie
with its own documents, so members run in separate processes (as they do when deployed alone).
Coverage data of every process (and of the subprocesses they start) is combined into one report.
After each member, any process its tests left running (a server not stopped, a service, a worker:
adopted by the runner, see ``leftovers``) is named, stopped, and fails that member.

    python -m quant_shared.testing.suite [member ...] [-- pytest args]
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from quant_shared.embedded.ferretdb import tools_dir
from quant_shared.testing import leftovers

MEMBERS = (
    "shared",
    "packages/user",
    "packages/market_data",
    "packages/trading",
    "packages/ml_platform",
    "packages/gen_ai",
    "packages/cli",
    "gateway",
)
_COUNTS = re.compile(r"(\d+) (passed|failed|errors?|skipped)")


def _counts(output: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for line in output.splitlines():
        if " in " in line and ("passed" in line or "failed" in line or "error" in line):
            found = {
                kind.rstrip("s") if kind.startswith("error") else kind: int(n)
                for n, kind in _COUNTS.findall(line)
            }
    return found


def member_env() -> dict[str, str]:
    """The suite's environment; with ``PYTHONDONTWRITEBYTECODE`` set, bytecode is still cached, under
    ``.tools/pycache`` (as ``python -m quant_gateway`` does): every service, worker and platform process
    the tests start would otherwise compile all it imports again."""
    env = dict(os.environ)
    if env.get("PYTHONDONTWRITEBYTECODE") and not env.get("PYTHONPYCACHEPREFIX"):
        env.pop("PYTHONDONTWRITEBYTECODE")
        env["PYTHONPYCACHEPREFIX"] = str(tools_dir().resolve() / "pycache")
    return env


def _run_member(root: Path, member: str, extra: list[str]) -> tuple[int, dict[str, int], float]:
    started = time.monotonic()
    cmd = [sys.executable, "-m", "coverage", "run", "-m", "pytest", f"{member}/tests", *extra]
    print(f"\n=== {member}: {' '.join(cmd[1:])}", flush=True)
    proc = subprocess.Popen(
        cmd, cwd=root, env=member_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines = []
    for line in proc.stdout:  # type: ignore[union-attr]
        sys.stdout.write(line)
        lines.append(line)
    code = proc.wait()
    return code, _counts("".join(lines)), time.monotonic() - started


def split_args(root: Path, argv: list[str]) -> tuple[list[str], list[str]]:
    """Leading member folders (those with a ``tests/``), then pytest's arguments (``--`` optional:
    ``hatch run`` drops it)."""
    members: list[str] = []
    for i, arg in enumerate(argv):
        if arg == "--":
            return members, argv[i + 1 :]
        if arg.startswith("-") or not (root / arg / "tests").is_dir():
            return members, argv[i:]
        members.append(arg.rstrip("/"))
    return members, []


def check_leftovers(member: str) -> list[leftovers.Leftover]:
    """Processes still running after ``member``'s tests ended (now our children): named and stopped.
    One still exiting on its own (asked to stop, not waited for) gets two seconds to finish."""
    deadline = time.monotonic() + 2.0
    while (left := leftovers.children()) and time.monotonic() < deadline:
        leftovers.reap()
        time.sleep(0.1)
    if left:
        print(f"\n=== {member} left {len(left)} process(es) running; stopping them:", flush=True)
        print("\n".join(f"  {p}" for p in left), flush=True)
        leftovers.stop(left)
    return left


def main(argv: list[str]) -> int:
    root = Path.cwd()
    members, extra = split_args(root, argv)
    members = members or list(MEMBERS)
    adopted = leftovers.adopt_orphans()
    left_behind = 0
    subprocess.run([sys.executable, "-m", "coverage", "erase"], cwd=root, check=True)
    totals = {"passed": 0, "failed": 0, "error": 0, "skipped": 0}
    failing = []
    rows = []
    for member in members:
        code, counts, seconds = _run_member(root, member, extra)
        left = check_leftovers(member)
        left_behind += len(left)
        for key in totals:
            totals[key] += counts.get(key, 0)
        if code != 0 or left:
            failing.append(member)
        note = f"  left {len(left)} process(es) running" if left else ""
        rows.append(f"  {member:<22} exit {code}  {counts}  {seconds:6.1f} s{note}")
    subprocess.run([sys.executable, "-m", "coverage", "combine", "-q"], cwd=root, check=False)
    report = subprocess.run([sys.executable, "-m", "coverage", "report", "--skip-covered"], cwd=root)
    print("\n=== members\n" + "\n".join(rows))
    print(
        f"{totals['passed']} passed, {totals['failed']} failed, {totals['error']} errors, "
        f"{totals['skipped']} skipped in the whole suite"
    )
    if adopted:
        print(f"processes left running by the tests: {left_behind or 'none'}")
    if failing:
        print("failing members: " + ", ".join(failing))
    return 1 if failing or report.returncode != 0 else 0


if __name__ == "__main__":  # pragma: no cover - command line entry
    sys.exit(main(sys.argv[1:]))
