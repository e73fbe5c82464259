"""The whole-suite runner: counts parsed from pytest's summary, one member run in its own process."""

from quant_shared.testing import suite


def test_counts_read_the_last_summary_line():
    output = "...\n3 passed in 1.0s\nnoise\n2 failed, 5 passed, 1 error, 4 skipped in 9.5s\n"
    assert suite._counts(output) == {"failed": 2, "passed": 5, "error": 1, "skipped": 4}
    assert suite._counts("12 errors in 0.3s") == {"error": 12}
    assert suite._counts("no tests ran") == {}


def test_a_member_runs_in_its_own_pytest_process(tmp_path):
    tests = tmp_path / "member" / "tests"
    tests.mkdir(parents=True)
    (tests / "test_one.py").write_text("def test_ok():\n    pass\n\ndef test_bad():\n    assert 1 == 2\n")
    code, counts, seconds = suite._run_member(tmp_path, "member", ["-p", "no:cacheprovider"])
    assert code == 1 and counts == {"failed": 1, "passed": 1} and seconds > 0


def test_member_folders_then_pytest_arguments(tmp_path):
    (tmp_path / "a" / "tests").mkdir(parents=True)
    (tmp_path / "b" / "tests").mkdir(parents=True)
    assert suite.split_args(tmp_path, ["a", "b/", "-k", "x"]) == (["a", "b"], ["-k", "x"])
    assert suite.split_args(tmp_path, ["a", "--", "-x"]) == (["a"], ["-x"])
    assert suite.split_args(tmp_path, ["-k", "x"]) == ([], ["-k", "x"])
    assert suite.split_args(tmp_path, []) == ([], [])
