"""Schemathesis against the all-in-one platform over real HTTP, as a user and as an admin (bounded).

Every operation of the unified OpenAPI document is exercised; no response may be a 5xx and every
response must conform to its declared schema.
"""

import os
import subprocess
import sys

import pytest

from quant_gateway.app import create_app
from quant_shared.testing import serve_app

MAX_EXAMPLES = os.environ.get("QUANT_FUZZ_EXAMPLES", "5")
MAX_TIME = os.environ.get("QUANT_FUZZ_SECONDS", "120")
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def _fuzz(url: str, token: str, tmp_path, seed: int) -> subprocess.CompletedProcess:
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
        "--max-time",
        "600",
        "--phases",
        "examples,coverage,fuzzing",
        "--exclude-path-regex",
        "^/(docs|redoc|openapi)",
        "-H",
        f"Authorization: Bearer {token}",
        "--report-dir",
        str(tmp_path),
    ]
    return subprocess.run(args, capture_output=True, text=True, timeout=900)


@pytest.mark.parametrize("role", ["user", "admin"])
def test_no_server_errors_and_schema_conformance(settings, token_factory, tmp_path, role):
    token = token_factory.admin() if role == "admin" else token_factory.user()
    with serve_app(create_app(settings)) as url:
        result = _fuzz(url, token, tmp_path, seed=42)
    report = (result.stdout + result.stderr)[-12000:]
    assert result.returncode == 0, report
