"""The command line, the JSON contract, and the package's independence from Django."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from samen.estimation.__main__ import main

DATA = Path(__file__).parent / "data"
SRC = Path(__file__).resolve().parents[3]


def test_json_output_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code = main([str(DATA / "uk2013_6lists.csv"), "--json", "--level", "0.95", "0.8"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    for key in ("observed", "estimate", "hidden", "intervals", "terms", "method", "warnings"):
        assert key in out
    assert out["observed"] == 2744
    assert out["hidden"] == pytest.approx(out["estimate"] - 2744)
    assert out["terms"][0] == "PF:NCA"
    assert set(out["intervals"]) == {"0.95", "0.8"}
    assert set(out["intervals"]["0.95"]) == {"wald", "profile"}
    assert {"code", "en", "nl"} <= set(out["warnings"][0])
    model = out["model"]
    assert len(model["fitted_cells"]) == 63
    assert model["deviance"] > 0
    assert model["aic"] > 0


def test_bootstrap_options(capsys: pytest.CaptureFixture[str]) -> None:
    args = [str(DATA / "uk2013_5lists.csv"), "--method", "main", "--bootstrap", "50"]
    assert main([*args, "--seed", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == "main"
    assert out["terms"] == []
    assert set(out["intervals"]["0.95"]) == {"wald", "profile", "percentile", "bca"}
    assert out["bootstrap"]["replicates"] == 50
    assert out["bootstrap"]["seed"] == 3


def test_readable_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(DATA / "uk2013_5lists.csv"), "--threshold", "0.02"]) == 0
    text = capsys.readouterr().out
    assert "Estimated total: 11,313.0" in text
    assert "LA:NG, NG:GP, PFNCA:GP, LA:PFNCA, GO:GP, NG:GO" in text
    assert "NL:" in text


def test_bad_file_gives_an_error_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B,count\n1,0,3\n1,0,4\n0,1,2\n")
    assert main([str(bad)]) == 2
    assert "duplicate" in capsys.readouterr().err


def test_command_runs_without_importing_django() -> None:
    """``python -m samen.estimation`` in a fresh interpreter; Django is never imported."""
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['samen.estimation', {str(DATA / 'uk2013_5lists.csv')!r}, '--json']\n"
        "try:\n"
        "    runpy.run_module('samen.estimation', run_name='__main__')\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "assert 'django' not in sys.modules, [m for m in sys.modules if 'django' in m]\n"
    )
    done = subprocess.run(  # noqa: S603 - fixed interpreter and code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(SRC)},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["estimate"] == pytest.approx(11313.0, rel=1e-4)
