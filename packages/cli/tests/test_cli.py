"""The CLI over real HTTP against a local stand-in of the platform's routes."""

import typer
from typer.testing import CliRunner

from quant_cli.main import app
from quant_cli.options import parse_params
from quant_shared.testing import serve_app

from .contract_app import make_app

runner = CliRunner()


def test_parse_params_casts_numbers():
    assert parse_params(["fast=10", "slow=20.5", "name=x"]) == {"fast": 10, "slow": 20.5, "name": "x"}
    try:
        parse_params(["oops"])
    except typer.BadParameter as exc:
        assert "NAME=VALUE" in str(exc)
    else:
        raise AssertionError("a bad parameter must be refused")


def test_backtest_logs_in_follows_the_task_and_writes_a_chart(tmp_path):
    stand_in = make_app()
    chart = tmp_path / "equity.png"
    with serve_app(stand_in, lifespan="off") as url:
        result = runner.invoke(
            app,
            [
                "backtest",
                "--symbol",
                "AAPL",
                "-p",
                "fast=5",
                "-p",
                "slow=30",
                "-o",
                "trailing_stop_pct=0.03",
                "-o",
                "hedging=true",
                "--api-url",
                url,
                "--email",
                "a@b.c",
                "--password",
                "s3cret-pass",
                "--chart",
                str(chart),
            ],
        )
    assert result.exit_code == 0, result.output
    assert "total_return" in result.output and "0.1234" in result.output
    sent = stand_in.state.calls["body"]
    assert sent["parameters"] == {"fast": 5, "slow": 30} and sent["symbols"] == ["AAPL"]
    assert sent["config"] == {
        "initial_cash": 10_000.0,
        "commission": 0.001,
        "trailing_stop_pct": 0.03,
        "hedging": True,
    }
    assert stand_in.state.calls["polls"] >= 3
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_svg_chart_and_problem_rendering(tmp_path):
    with serve_app(make_app(), lifespan="off") as url:
        bad = runner.invoke(
            app, ["backtest", "--symbol", "NOPE", "--api-url", url, "--token", "cli-test-token"]
        )
        assert bad.exit_code != 0
        wrong = runner.invoke(
            app, ["backtest", "--symbol", "AAPL", "--api-url", url, "--email", "a@b.c", "--password", "nope"]
        )
        assert wrong.exit_code != 0
        ok = runner.invoke(
            app,
            [
                "backtest",
                "--symbol",
                "AAPL",
                "--api-url",
                url,
                "--token",
                "cli-test-token",
                "--chart",
                str(tmp_path / "e.svg"),
            ],
        )
    assert ok.exit_code == 0, ok.output
    assert (tmp_path / "e.svg").read_text().lstrip().startswith("<?xml")
    assert bad.exit_code == 2 and "body.symbols: unknown symbol NOPE" in bad.output
    assert wrong.exit_code == 2 and "wrong password" in wrong.output
