"""``quant optimize`` over real HTTP against the contract app: ranges, progress, tables, files, errors."""

import csv
import json
import re

import pytest
import typer
from typer.testing import CliRunner

from quant_cli.main import app
from quant_cli.ranges import grid_size, parse_ranges, parse_walk_forward
from quant_shared.testing import serve_app
from quant_trading.models import ParameterRange
from quant_trading.services.optimization import parameter_space

from .contract_app import TOKEN, make_app

runner = CliRunner()


def test_ranges_and_fixed_parameters():
    ranges, fixed = parse_ranges(["fast=5:30:5", "slow=20:100", "band=0.5:2.5:0.5", "mode=close", "k=2"])
    assert ranges == {
        "fast": {"low": 5, "high": 30, "step": 5, "integer": True},
        "slow": {"low": 20, "high": 100, "integer": True},
        "band": {"low": 0.5, "high": 2.5, "step": 0.5, "integer": False},
    }
    assert fixed == {"mode": "close", "k": 2}
    assert parse_walk_forward("150:50") == {"in_sample_bars": 150, "out_of_sample_bars": 50}
    assert parse_walk_forward("150:50:3")["max_windows"] == 3


@pytest.mark.parametrize(
    ("pairs", "reason"),
    [
        (["fast=30:5"], "must be >= low"),
        (["fast=5:30:0"], "step must be > 0"),
        (["fast=5:x"], "is not a number"),
        (["fast=1:2:3:4"], "LOW:HIGH or LOW:HIGH:STEP"),
        (["fast"], "NAME=LOW:HIGH"),
        (["fast=1:5", "fast=2:6"], "given twice"),
        (["1x=1:5"], "not a parameter name"),
    ],
)
def test_bad_ranges_are_refused(pairs, reason):
    with pytest.raises(typer.BadParameter, match=reason):
        parse_ranges(pairs)


@pytest.mark.parametrize(
    "pairs", [["fast=5:30:5", "slow=20:100:10"], ["fast=3:6", "slow=10:20:3"], ["band=0.5:2.5", "x=1:1"]]
)
def test_grid_size_is_the_platforms(pairs):
    ranges, _ = parse_ranges(pairs)
    server = {name: ParameterRange(**rng) for name, rng in ranges.items()}
    assert grid_size(ranges) == parameter_space.grid_size(server)


def invoke(url: str, *args: str):
    return runner.invoke(app, ["optimize", "--api-url", url, "--token", TOKEN, *args])


def test_optimize_follows_trials_ranks_and_writes_files(tmp_path):
    stand_in = make_app()
    with serve_app(stand_in, lifespan="off") as url:
        result = invoke(
            url,
            "-s",
            "AAPL",
            "-p",
            "fast=5:10:5",
            "-p",
            "slow=20:30:10",
            "-p",
            "atr=2",
            "-c",
            "fast < slow",
            "-o",
            str(tmp_path / "trials.csv"),
        )
        sent = stand_in.state.calls["opt_body"]
        as_json = invoke(url, "-s", "AAPL", "-p", "fast=5:10:5", "-o", str(tmp_path / "trials.json"))
    assert result.exit_code == 0, result.output
    assert sent["parameter_ranges"]["fast"] == {"low": 5, "high": 10, "step": 5, "integer": True}
    assert sent["parameters"] == {"atr": 2} and sent["constraints"] == ["fast < slow"]
    assert sent["max_trials"] == 4 and sent["method"] == "grid" and sent["maximize"] is True
    assert "4/4 trials" in result.output and "deflated Sharpe" in result.output
    first = re.search(r"│ +1 │ +(\d+) │ +(\d+) │ +(\d+) │ +([-\d.]+) │", result.output)
    assert first and first.groups() == ("1", "5", "30", "1.4000"), result.output  # best trial first
    assert "Best 3 of 4 trials" in result.output  # the trial without a value is not ranked
    rows = list(csv.DictReader((tmp_path / "trials.csv").open()))
    assert [r["value"] for r in rows] == ["0.8", "1.4", "-0.2", ""]
    assert rows[1]["fast"] == "5" and rows[1]["metric.num_trades"] == "4"
    assert as_json.exit_code == 0, as_json.output
    saved = json.loads((tmp_path / "trials.json").read_text())
    assert saved["run"]["best_parameters"] == {"fast": 5, "slow": 30} and len(saved["trials"]) == 4


def test_bad_input_exits_non_zero_with_the_reason(tmp_path):
    stand_in = make_app()
    with serve_app(stand_in, lifespan="off") as url:
        bad_range = invoke(url, "-s", "AAPL", "-p", "fast=30:5")
        bad_output = invoke(url, "-s", "AAPL", "-o", str(tmp_path / "x.txt"))
        bad_wf = invoke(url, "-s", "AAPL", "--walk-forward", "150")
        bad_method = invoke(url, "-s", "AAPL", "--method", "genetic")
        assert stand_in.state.calls["opt_body"] is None  # nothing was sent
        problem = invoke(url, "-s", "AAPL", "--objective", "luck")
    for res in (bad_range, bad_output, bad_wf, bad_method):
        assert res.exit_code == 2
    assert "high (5) must be >= low (30)" in bad_range.output
    assert ".csv or .json" in bad_output.output and "IN_SAMPLE:OUT_OF_SAMPLE" in bad_wf.output
    assert problem.exit_code == 2 and "body.objective: unknown KPI" in problem.output
