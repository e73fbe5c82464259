"""Commands that start parts of the platform on this machine."""

import json
import os
import signal
import subprocess
import sys
import time

import typer

from quant_shared.embedded.processes import die_with_parent

platform = typer.Typer(help="Run the platform locally.")
services = typer.Typer(help="Run every domain as its own service behind the proxy gateway.")
admin = typer.Typer(help="Administration.")


STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def run_foreground(command: list[str], stop_timeout: float = 60.0) -> int:
    """Run ``command`` until it ends; its exit code.

    It runs in its own process group, so a terminal's Ctrl-C reaches only us: SIGTERM and SIGINT are
    passed on to it once each, and we wait while it stops what it started (the platform stops FerretDB
    and its services) instead of leaving those behind; it is killed only after ``stop_timeout`` s.
    It also receives SIGTERM if we die outright.
    """
    process = subprocess.Popen(command, env=os.environ.copy(), process_group=0, preexec_fn=die_with_parent())
    asked: list[float] = []

    def forward(signum: int, frame: object) -> None:
        if process.poll() is None:
            process.send_signal(signum)
        asked.append(time.monotonic())

    previous = {sig: signal.signal(sig, forward) for sig in STOP_SIGNALS}
    try:
        while True:
            try:
                return process.wait(0.5)
            except subprocess.TimeoutExpired:
                if asked and time.monotonic() - asked[0] > stop_timeout:
                    process.kill()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _serve(args: list[str]) -> None:
    """Run a server module of the workspace until it stops (see ``run_foreground``); its exit code."""
    raise typer.Exit(run_foreground([sys.executable, "-m", *args]))


def _exec(args: list[str]) -> None:
    """Run a module of the workspace in the foreground (it may prompt); its exit code becomes ours."""
    code = subprocess.call([sys.executable, "-m", *args], env=os.environ.copy())
    raise typer.Exit(code)


@platform.command("up")
def up(host: str = "127.0.0.1", port: int = 8500) -> None:
    """The embedded default: FerretDB + every domain in one process (port 8500)."""
    _serve(["quant_gateway", "--host", host, "--port", str(port)])


@services.command("up")
def services_up() -> None:
    """Every service as its own process plus the gateway in proxy mode."""
    _serve(["quant_gateway", "services"])


@admin.command("create")
def admin_create(email: str = typer.Option(..., prompt=True)) -> None:
    """Create the first admin (the password is asked for, never defaulted)."""
    _exec(["quant_user.create_admin", "--email", email])


@platform.command("openapi")
def openapi() -> None:
    """Print the unified OpenAPI document (`quant openapi > openapi.json`)."""
    from quant_gateway.app import create_app

    typer.echo(json.dumps(create_app().openapi(), indent=2, sort_keys=False))


@platform.command("worker")
def worker() -> None:
    """A worker process executing tasks dispatched through the broker."""
    _serve(["quant_shared.workers"])
