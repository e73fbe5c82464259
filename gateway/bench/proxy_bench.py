"""Gateway overhead benchmark: a cheap GET directly against a service vs through the proxy gateway.

Same run, same machine, loopback only, bounded: ``wrk`` (Debian package) at 1 and 50 connections.
Starts FerretDB, one domain service (``services/<domain>/main.py``) and the gateway in proxy mode
(``python -m quant_gateway proxy``), each its own process, then prints a Markdown table.

    hatch run python gateway/bench/proxy_bench.py --duration 10
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quant_gateway.cluster.runner import ServiceProcess, default_env
from quant_shared.embedded import FerretDBServer, free_port
from quant_shared.testing import TokenFactory

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def wait_http(url: str, timeout: float = 60.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to report CPU per request."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk(url: str, connections: int, duration: int, token: str, pids: tuple[int, ...] = ()) -> dict:
    cmd = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "-H",
        f"Authorization: Bearer {token}",
        url,
    ]
    before = [cpu_seconds(p) for p in pids]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=duration + 30).stdout
    spent = [cpu_seconds(p) - b for p, b in zip(pids, before, strict=True)]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    pct = {
        p: float(v) * UNITS[u] for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    }
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if non2xx:
        raise RuntimeError(f"{url}: {non2xx.group(1)} non-2xx answers\n{out}")
    total = int(re.search(r"(\d+) requests in", out).group(1))
    cpu_us = [round(c / total * 1e6, 1) for c in spent]
    return {"rps": rps, "p50_ms": pct["50"], "p99_ms": pct["99"], "cpu_us_per_request": cpu_us}


def start_gateway(port: int, upstream: str, prefix: str, env: dict) -> subprocess.Popen:
    table = {"bench": {"url": upstream, "prefixes": [prefix]}}
    env = {**env, "QUANT_GATEWAY_UPSTREAMS": json.dumps(table)}
    cmd = [sys.executable, "-m", "quant_gateway", "proxy", "--port", str(port)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)


def measure(direct: str, via: str, path: str, duration: int, token: str, pids: tuple[int, int]) -> list[dict]:
    rows = []
    for connections in (1, 50):
        for target in (direct, via):  # warm both paths up, then measure them back to back
            wrk(target + path, connections, 2, token)
        d = wrk(direct + path, connections, duration, token, pids[:1])
        g = wrk(via + path, connections, duration, token, pids)
        rows.append({"connections": connections, "direct": d, "gateway": g})
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| connections | direct req/s | gateway req/s | throughput ratio | direct p50 / p99 ms "
        "| gateway p50 / p99 ms | added p50 ms | CPU µs/request: service, gateway |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        d, g = r["direct"], r["gateway"]
        lines.append(
            f"| {r['connections']} | {d['rps']:.0f} | {g['rps']:.0f} | {g['rps'] / d['rps']:.0%} "
            f"| {d['p50_ms']:.2f} / {d['p99_ms']:.2f} | {g['p50_ms']:.2f} / {g['p99_ms']:.2f} "
            f"| {g['p50_ms'] - d['p50_ms']:.2f} | {d['cpu_us_per_request'][0]:.0f}; "
            f"{g['cpu_us_per_request'][0]:.0f}, {g['cpu_us_per_request'][1]:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measured wrk run")
    parser.add_argument("--domain", default="ml_platform")
    parser.add_argument(
        "--path", default="/features/catalog", help="a cheap GET of that domain (no database)"
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    tokens = TokenFactory()
    token = tokens.user("bench-user")
    with tempfile.TemporaryDirectory() as tmp, FerretDBServer(Path(tmp) / "db") as db:
        env = default_env(
            QUANT_MONGODB_URL=db.url,
            QUANT_DB_PREFIX="bench",
            QUANT_DATA_DIR=tmp,
            QUANT_JWT_PUBLIC_KEY=tokens.public_pem,
            QUANT_LOG_LEVEL="WARNING",
            QUANT_MARKET_DATA_SEED_DEMO="false",
        )
        env.pop("QUANT_GATEWAY_UPSTREAMS_FILE", None)
        service = ServiceProcess(args.domain, free_port())
        service.start(env)
        gateway_port = free_port()
        gateway = start_gateway(gateway_port, service.url, "/" + args.path.strip("/").split("/")[0], env)
        try:
            service.wait_healthy(240)
            via = f"http://127.0.0.1:{gateway_port}"
            wait_http(via + "/docs")
            rows = measure(
                service.url, via, args.path, args.duration, token, (service.process.pid, gateway.pid)
            )
        finally:
            gateway.terminate()
            service.stop()
            gateway.wait(10)
    print(
        f"GET {args.path} ({args.domain} service), wrk -t1, {args.duration}s per run, "
        f"{os.cpu_count()} cores\n"
    )
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
