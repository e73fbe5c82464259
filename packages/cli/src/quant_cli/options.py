"""Options shared by the commands that talk to the platform."""

import typer

ApiUrl = typer.Option(None, "--api-url", envvar="QUANT_API_URL", help="Platform base URL.")
Token = typer.Option(None, "--token", envvar="QUANT_TOKEN", help="Access token.")
Email = typer.Option(None, "--email", envvar="QUANT_EMAIL", help="Log in with this e-mail.")
Password = typer.Option(None, "--password", envvar="QUANT_PASSWORD", help="Password for --email.")
ApiKey = typer.Option(None, "--api-key", envvar="QUANT_API_KEY", help="Personal API key.")


BOOLEANS = {"true": True, "false": False}


def parse_params(pairs: list[str], hint: str = "--param") -> dict:
    """``["fast=10", "slow=20", "name=x", "hedging=true"]`` -> ``{"fast": 10, "slow": 20, "name": "x",
    "hedging": True}``."""
    params: dict = {}
    for pair in pairs:
        if "=" not in pair:
            raise typer.BadParameter(f"expected NAME=VALUE, got {pair!r}", param_hint=hint)
        name, raw = pair.split("=", 1)
        value: object = BOOLEANS.get(raw.strip().lower(), raw)
        for cast in (int, float) if isinstance(value, str) else ():
            try:
                value = cast(raw)
                break
            except ValueError:
                continue
        params[name.strip()] = value
    return params
