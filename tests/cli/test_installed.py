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


def test_batch_runs_from_any_directory(run_installed: Run) -> None:
    result = run_installed(
        "batch", str(EXAMPLES / "forms-export.csv"), "--columns", str(EXAMPLES / "forms-columns.yaml"), "-f", "csv"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("source,row,respondent,recommendation,")
    assert result.stderr == "5 scored, 0 failed\n"  # no progress bar: stderr is not a terminal


def _header() -> str:
    from conftest import QUESTIONNAIRE

    return ",".join(["respondent", *QUESTIONNAIRE.questions]) + "\n"


def _row(name: str) -> str:
    from conftest import BASE, QUESTIONNAIRE

    def cell(value: object) -> str:
        if isinstance(value, list):
            return ";".join(value)
        if isinstance(value, bool):
            return "yes" if value else "no"
        return str(value)

    return ",".join([name, *(cell(BASE[q]) if q in BASE else "" for q in QUESTIONNAIRE.questions)]) + "\n"


def test_an_interrupted_batch_leaves_no_output(tmp_path: Path) -> None:
    import os
    import signal
    import time

    from conftest import installed_command

    out = tmp_path / "results.csv"
    proc = subprocess.Popen(
        [*installed_command(), "batch", "-", "-f", "csv", "-o", str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    )
    assert proc.stdin is not None
    proc.stdin.write((_header() + "".join(_row(f"R{i}") for i in range(300))).encode())
    proc.stdin.flush()
    deadline = time.monotonic() + 30
    while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):  # it is writing, waiting for more
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.02)
    time.sleep(0.3)
    os.kill(proc.pid, signal.SIGINT)
    _, errors = proc.communicate(timeout=30)
    assert proc.returncode == 130, errors
    assert errors.decode().strip().endswith("interrupted")
    assert list(tmp_path.iterdir()) == []  # no output, no temp file


def test_the_progress_bar_shows_on_a_terminal_only(tmp_path: Path) -> None:
    import os
    import pty

    from conftest import installed_command

    survey = tmp_path / "s.csv"
    survey.write_text(_header() + "".join(_row(f"R{i}") for i in range(200)), encoding="utf-8")
    leader, follower = pty.openpty()
    try:
        result = subprocess.run(
            [*installed_command(), "batch", str(survey), "-f", "csv", "-o", str(tmp_path / "out.csv")],
            stderr=follower,
            stdout=subprocess.PIPE,
            cwd=tmp_path,
            timeout=60,
            env={**os.environ, "COLUMNS": "80", "TERM": "xterm"},
        )
        os.close(follower)
        follower = -1
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    assert result.returncode == 0
    bar, summary = seen.rsplit(b"200 scored, 0 failed", 1)
    assert b"scoring" in bar and b"\x1b[" in bar  # the bar was drawn, then cleared
    assert summary.strip() == b""
