"""Start each domain service as its own process (``services/<domain>/main.py``) and watch it."""

import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from quant_shared.embedded import project_root
from quant_shared.embedded.processes import die_with_parent

log = logging.getLogger("quant.services")
DEFAULT_PORTS = {"trading": 8501, "market_data": 8502, "ml_platform": 8503, "gen_ai": 8504, "user": 8505}
# The user service creates the token key pair on first start, so it goes first.
START_FIRST = ("user",)


def service_command(domain: str, port: int) -> list[str]:
    """``python services/<domain>/main.py`` from the workspace; the same entry point when not there."""
    main = project_root() / "services" / domain / "main.py"
    if main.is_file():
        return [sys.executable, str(main)]
    code = f"from quant_shared.service_settings import main; main('quant_{domain}.app:create_app', {port})"
    return [sys.executable, "-c", code]


@dataclass
class ServiceProcess:
    domain: str
    port: int
    host: str = "127.0.0.1"
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, env: Mapping[str, str], log_dir: Path | None = None) -> None:
        env = {**env, "QUANT_SERVICE_HOST": self.host, "QUANT_SERVICE_PORT": str(self.port)}
        out = None
        if log_dir is not None:
            log_dir.mkdir(parents=True, exist_ok=True)
            out = open(log_dir / f"{self.domain}.log", "ab")  # noqa: SIM115 - owned by the child
        self.process = subprocess.Popen(  # stopped by stop(); by SIGTERM too if the runner is killed
            service_command(self.domain, self.port),
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            preexec_fn=die_with_parent(),
        )

    def healthy(self) -> bool:
        try:
            return httpx.get(self.url + "/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"the {self.domain} service exited with {self.process.returncode}")
            if self.healthy():
                return
            time.sleep(0.2)
        raise TimeoutError(f"the {self.domain} service did not become healthy in {timeout}s")

    def stop(self, kill: bool = False) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.kill() if kill else self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class LocalServices:
    """Every domain service on this machine, each pointed at the others directly."""

    def __init__(self, ports: Mapping[str, int], env: Mapping[str, str], log_dir: Path | None = None) -> None:
        self.services = {d: ServiceProcess(d, p) for d, p in ports.items()}
        self.base_env = dict(env)
        self.log_dir = log_dir
        self._stopping = threading.Event()

    def urls(self) -> dict[str, str]:
        return {d: s.url for d, s in self.services.items()}

    def env_for(self, domain: str) -> dict[str, str]:
        others = {d: u for d, u in self.urls().items() if d != domain}
        return {**self.base_env, "QUANT_SERVICE_URLS": json.dumps(others)}

    def start(self, domain: str) -> None:
        self.services[domain].start(self.env_for(domain), self.log_dir)

    def start_all(self, timeout: float = 240.0) -> None:
        order = [d for d in START_FIRST if d in self.services] + [
            d for d in self.services if d not in START_FIRST
        ]
        try:
            for domain in order:
                self.start(domain)
                if domain in START_FIRST:
                    self.services[domain].wait_healthy(timeout)
            for domain in order:
                self.services[domain].wait_healthy(timeout)
        except BaseException:
            self.stop_all()
            raise

    def supervise(self, interval: float = 0.5, longest_wait: float = 30.0) -> threading.Thread:
        """Restart a service whose process exited, after 1 s, then 2, 4 ... at most ``longest_wait`` s
        while it keeps dying (a minute up resets the wait); until ``stop_all``."""

        def loop() -> None:
            wait = dict.fromkeys(self.services, 1.0)
            started = dict.fromkeys(self.services, time.monotonic())
            while not self._stopping.wait(interval):
                for domain, service in self.services.items():
                    if service.process is None or service.process.poll() is None:
                        continue
                    if time.monotonic() - started[domain] > 60:
                        wait[domain] = 1.0
                    log.warning(
                        "%s exited (%s); restarting in %.0f s",
                        domain,
                        service.process.returncode,
                        wait[domain],
                    )
                    if self._stopping.wait(wait[domain]):
                        return
                    self.start(domain)
                    started[domain], wait[domain] = time.monotonic(), min(wait[domain] * 2, longest_wait)

        thread = threading.Thread(target=loop, name="service-supervisor", daemon=True)
        thread.start()
        return thread

    def stop_all(self) -> None:
        self._stopping.set()  # no restarts from here on
        for service in self.services.values():
            service.stop()


LISTEN_VARS = ("QUANT_SERVICE_HOST", "QUANT_SERVICE_PORT", "QUANT_SERVICE_URLS")


def default_env(**overrides: str) -> dict[str, str]:
    """This process's environment without its own listen address, plus ``overrides``."""
    env = {k: v for k, v in os.environ.items() if k not in LISTEN_VARS}
    env.update(overrides)
    return env
