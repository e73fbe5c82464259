"""``quant``: the Quant Platform command line."""

import typer

from quant_cli.client import PlatformError
from quant_cli.commands.backtest import backtest
from quant_cli.commands.optimize import optimize
from quant_cli.commands.paper import paper
from quant_cli.commands.platform import admin, openapi, services, up, worker

app = typer.Typer(help="Quant Platform command line.", no_args_is_help=True)
app.command("up")(up)
app.command("openapi")(openapi)
app.command("worker")(worker)
app.command("backtest")(backtest)
app.command("optimize")(optimize)
app.add_typer(services, name="services")
app.add_typer(admin, name="admin")
app.add_typer(paper, name="paper")


def main() -> None:
    try:
        app()
    except PlatformError as exc:
        typer.secho(exc.render(), fg="red", err=True)
        raise SystemExit(2) from exc


if __name__ == "__main__":
    main()
