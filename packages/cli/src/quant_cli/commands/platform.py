"""Commands that start parts of the platform on this machine."""

import json
import os
import subprocess
import sys

import typer

platform = typer.Typer(help="Run the platform locally.")
services = typer.Typer(help="Run every domain as its own service behind the proxy gateway.")
admin = typer.Typer(help="Administration.")


def _exec(args: list[str]) -> None:
    """Run a module of the workspace in the foreground; its exit code becomes ours."""
    code = subprocess.call([sys.executable, "-m", *args], env=os.environ.copy())
    raise typer.Exit(code)


@platform.command("up")
def up(host: str = "127.0.0.1", port: int = 8500) -> None:
    """The embedded default: FerretDB + every domain in one process (port 8500)."""
    _exec(["quant_gateway", "--host", host, "--port", str(port)])


@services.command("up")
def services_up() -> None:
    """Every service as its own process plus the gateway in proxy mode."""
    _exec(["quant_gateway", "services"])


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
    _exec(["quant_shared.workers"])
