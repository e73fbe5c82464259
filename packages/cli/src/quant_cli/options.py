"""Options shared by the commands that talk to the platform."""

import typer

ApiUrl = typer.Option(None, "--api-url", envvar="QUANT_API_URL", help="Platform base URL.")
Token = typer.Option(None, "--token", envvar="QUANT_TOKEN", help="Access token.")
Email = typer.Option(None, "--email", envvar="QUANT_EMAIL", help="Log in with this e-mail.")
Password = typer.Option(None, "--password", envvar="QUANT_PASSWORD", help="Password for --email.")
ApiKey = typer.Option(None, "--api-key", envvar="QUANT_API_KEY", help="Personal API key.")


def parse_params(pairs: list[str]) -> dict:
    """``["fast=10", "slow=20", "name=x"]`` -> ``{"fast": 10, "slow": 20, "name": "x"}``."""
    params: dict = {}
    for pair in pairs:
        if "=" not in pair:
            raise typer.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint="--param")
        name, raw = pair.split("=", 1)
        value: object = raw
        for cast in (int, float):
            try:
                value = cast(raw)
                break
            except ValueError:
                continue
        params[name.strip()] = value
    return params
