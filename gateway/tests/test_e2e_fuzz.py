"""Schemathesis against the all-in-one platform over real HTTP, anonymously, as a user and as an admin
(each run bounded in time; the anonymous one is short, as nearly everything answers 401 at once).

Every operation of the unified OpenAPI document is exercised; no response may be a 5xx and every
response must conform to its declared schema.
"""

import os
import re
import subprocess
import sys

import pytest

from quant_gateway.app import create_app
from quant_shared.enums import Role
from quant_shared.testing import serve_app

MAX_EXAMPLES = os.environ.get("QUANT_FUZZ_EXAMPLES", "5")
MAX_TIME = os.environ.get("QUANT_FUZZ_SECONDS", "60")
ANONYMOUS_TIME = "20"
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def _fuzz(url: str, token: str | None, tmp_path, seed: int, max_time: str) -> subprocess.CompletedProcess:
    args = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        f"{url}/openapi.json",
        "--checks",
        CHECKS,
        "--max-examples",
        MAX_EXAMPLES,
        "--seed",
        str(seed),
        "--workers",
        "1",
        "--no-shrink",
        "--request-timeout",
        "30",
        "--max-time",  # the whole run's budget: fuzzing repeats until it is spent
        max_time,
        "--phases",
        "examples,coverage,fuzzing",
        "--exclude-path-regex",
        # a restore rewrites every database under the fuzzer's feet; test_admin_system covers it
        r"^/(docs|redoc|openapi)|^/admin/system/backups/[^/]+/restore$",
        *(["-H", f"Authorization: Bearer {token}"] if token else []),
        "--report-dir",
        str(tmp_path),
    ]
    return subprocess.run(args, capture_output=True, text=True, timeout=int(max_time) + 600)


def _failures(output: str) -> list[str]:
    """One line per failing operation and check, from schemathesis' report."""
    found, operation = [], None
    for line in output.splitlines():
        head = re.match(r"^_{3,} ((GET|POST|PUT|PATCH|DELETE) \S+) _{3,}$", line)
        if head:
            operation = head.group(1)
        elif operation and re.match(r"^- [A-Z]+\d* ", line):
            found.append(f"{operation}: {line[2:]}")
    return found


@pytest.mark.parametrize("role", ["anonymous", "user", "admin"])
def test_no_server_errors_and_schema_conformance(settings, token_factory, tmp_path, role):
    ttl = int(MAX_TIME) + 900  # valid for the whole run: an expired token would turn the run into 401s
    roles = [Role.ADMIN, Role.USER] if role == "admin" else [Role.USER]
    token = None if role == "anonymous" else token_factory.mint(roles=roles, ttl=ttl)
    with serve_app(create_app(settings)) as url:
        result = _fuzz(url, token, tmp_path, seed=42, max_time=ANONYMOUS_TIME if token is None else MAX_TIME)
    output = result.stdout + result.stderr
    (tmp_path / "schemathesis.txt").write_text(output)
    assert result.returncode == 0, "\n".join(_failures(output)) or output[-12000:]
