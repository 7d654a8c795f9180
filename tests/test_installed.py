"""The installed command, run as a user would: a subprocess, from a folder that is not ours."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import EXAMPLES

Run = Callable[..., subprocess.CompletedProcess[str]]


def test_assess_runs_from_any_directory(run_installed: Run) -> None:
    result = run_installed("assess", str(EXAMPLES / "manufacturer-campaign.yaml"), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["recommendation"] == "outsourced"


def test_table_report_in_a_pipe_has_no_escape_codes(run_installed: Run) -> None:
    result = run_installed("assess", str(EXAMPLES / "bakery.yaml"))
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    assert "HYBRID" in result.stdout


def test_python_dash_m_works(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "outsource_advisor", "questionnaire", "list"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0 and "social-media" in result.stdout


def test_a_users_mistake_never_shows_a_traceback(run_installed: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("answers: [1, 2\n", encoding="utf-8")
    for args in (
        ["assess", str(bad)],
        ["assess", str(tmp_path / "missing.yaml")],
        ["validate", str(tmp_path)],
    ):
        result = run_installed(*args)
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("error: ")


def test_help_lists_the_commands(run_installed: Run) -> None:
    result = run_installed("--help")
    assert result.returncode == 0
    for command in ("assess", "validate", "questionnaire"):
        assert command in result.stdout


def test_report_templates_ship_with_the_package(run_installed: Run, tmp_path: Path) -> None:
    for fmt, name in (("html", "report.html"), ("markdown", "report.md")):
        result = run_installed("assess", str(EXAMPLES / "bakery.yaml"), "-f", fmt, "-o", name, "-l", "it")
        assert result.returncode == 0, result.stderr
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert "Forno Rossi" in text and "Piano di delega" in text


def test_version(run_installed: Run) -> None:
    from outsource_advisor import __version__

    result = run_installed("--version")
    assert result.returncode == 0 and result.stdout == f"outsource-advisor {__version__}\n"
