"""The command line through typer's runner: output, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import BASE, EXAMPLES
from outsource_advisor.cli.app import app
from outsource_advisor.render import RENDERERS, ReportFormat

runner = CliRunner()


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=stdin)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_every_format_has_a_renderer() -> None:
    assert set(RENDERERS) == set(ReportFormat)


def test_assess_prints_the_recommendation_first() -> None:
    result = run("assess", str(EXAMPLES / "bakery.yaml"))
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert "Recommendation: Forno Rossi" in lines[0]
    assert "HYBRID" in lines[1]
    for heading in ("Scores", "Main reasons for hybrid", "Delegation plan", "Readiness", "Warnings"):
        assert heading in result.stdout


def test_assess_json_has_the_documented_shape() -> None:
    result = run("assess", str(EXAMPLES / "hotel.json"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == [
        "questionnaire",
        "program_version",
        "respondent",
        "recommendation",
        "scores",
        "runner_up",
        "margin",
        "confidence",
        "decided_by",
        "contributions",
        "activities",
        "readiness",
        "warnings",
        "costs",
        "phases",
        "answers",
        "what_would_change",
        "robustness",
    ]
    assert data["questionnaire"] == {"id": "social-media", "version": "1.0"}
    assert set(data["scores"]) == {"in_house", "hybrid", "outsourced"}
    assert set(data["activities"][0]) == {"id", "name", "decision", "reasons", "who_does_what", "legal"}


def test_assess_in_italian() -> None:
    result = run("assess", str(EXAMPLES / "bakery.yaml"), "--lang", "it")
    assert result.exit_code == 0, result.stderr
    assert "Piano di delega" in result.stdout and "Perché" not in result.stderr


def test_assess_reads_standard_input() -> None:
    text = (EXAMPLES / "hotel.json").read_text(encoding="utf-8")
    result = run("assess", "-", "-f", "json", stdin=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["recommendation"] == "in_house"


def test_invalid_answers_exit_1_with_one_line_per_problem(tmp_path: Path) -> None:
    answers = {**BASE, "channels": 99, "expertise": "none"}
    answers.pop("monthly_budget")
    text = json.dumps({"answers": answers}, indent=2)
    path = write(tmp_path / "bad.json", text)

    def line(key: str) -> int:
        return next(i for i, row in enumerate(text.splitlines(), 1) if row.strip().startswith(f'"{key}"'))

    result = run("assess", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"error: {path}:{line('channels')}: answers.channels: must be a whole number from 1 to 20, or unknown (got 99)",
        f"error: {path}:{line('expertise')}: answers.expertise: unknown question; did you mean 'expertise_level'?",
        f"error: {path}:2: answers: 1 required question is not answered: monthly_budget",
    ]
    assert "Traceback" not in result.output


def test_yaml_errors_name_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "dup.yaml", "answers:\n  channels: 2\n  channels: 3\n")
    result = run("assess", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"error: {path}:3: duplicate key 'channels': the earlier value would be silently lost\n"


def test_hidden_answers_are_noted_on_stderr(tmp_path: Path) -> None:
    answers = {**BASE, "expertise_level": "advanced", "willing_to_train": True}
    path = write(tmp_path / "a.json", json.dumps({"answers": answers}))
    result = run("assess", str(path), "-f", "json")
    assert result.exit_code == 0
    assert "note:" in result.stderr and "willing_to_train: ignored" in result.stderr


def test_an_unfinished_interview_says_so_and_lists_what_is_missing(tmp_path: Path) -> None:
    partial = {"complete": False, "answers": {"company_size": "micro", "channels": 2}}
    result = run("assess", str(write(tmp_path / "partial.json", json.dumps(partial))))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert "the interview that wrote these answers was not finished (complete: false)" in line
    assert "17 required questions are not answered: internal_hours_per_week, dedicated_staff" in line
    assert "Finish it with: outsource-advisor interview --answers <this file>" in line


def test_an_unfinished_interview_with_every_required_answer_is_scored_with_a_note(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", json.dumps({"complete": False, "answers": BASE}))
    result = run("assess", str(path), "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == f"note: {path}: the interview that wrote these answers was not finished (complete: false)\n"


def test_usage_errors_exit_2() -> None:
    assert run("assess", str(EXAMPLES / "bakery.yaml"), "--lang", "fr").exit_code == 2
    assert run("assess", str(EXAMPLES / "bakery.yaml"), "--format", "pdf").exit_code == 2
    assert run("assess").exit_code == 2


def test_unknown_questionnaire_is_an_input_error() -> None:
    result = run("assess", str(EXAMPLES / "bakery.yaml"), "-q", "it-support")
    assert result.exit_code == 1
    assert "no questionnaire 'it-support'" in result.stderr


def test_output_file_is_written_and_inputs_are_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run("assess", str(EXAMPLES / "hotel.json"), "-f", "json", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["recommendation"] == "in_house"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temp file left behind
    copy = write(tmp_path / "answers.json", (EXAMPLES / "hotel.json").read_text(encoding="utf-8"))
    result = run("assess", str(copy), "-f", "json", "-o", str(copy))
    assert result.exit_code == 2 and "refusing to overwrite an input file" in result.stderr
    missing = run("assess", str(EXAMPLES / "hotel.json"), "-o", str(tmp_path / "nope" / "r.txt"))
    assert missing.exit_code == 2 and "does not exist" in missing.stderr


def test_validate_checks_both_kinds_of_file(tmp_path: Path) -> None:
    good = run("validate", str(EXAMPLES / "bakery.yaml"), "src/../questionnaires/social-media.yaml")
    if not Path("questionnaires/social-media.yaml").exists():
        pytest.skip("run from the repository root")
    assert good.exit_code == 0, good.stderr
    assert "ok:" in good.stdout
    bad = write(tmp_path / "bad.yaml", "answers:\n  channels: 0\n")
    result = run("validate", str(EXAMPLES / "hotel.json"), str(bad))
    assert result.exit_code == 1
    assert "ok:" in result.stdout and f"{bad}:2: answers.channels" in result.stderr


def test_questionnaire_list_show_schema() -> None:
    listed = run("questionnaire", "list")
    assert listed.exit_code == 0 and listed.stdout.startswith("social-media\t1.0\ten, it\t")
    shown = run("questionnaire", "show", "social-media", "--lang", "it")
    assert shown.exit_code == 0 and "expertise_level (single_choice, scored)" in shown.stdout
    assert "accepts: one of: none, basic, intermediate, advanced, or unknown" in shown.stdout
    schema = json.loads(run("questionnaire", "schema", "answers").stdout)
    assert schema["properties"]["answers"]["properties"]["company_size"]["enum"][-1] == "unknown"
    assert "sections" in json.loads(run("questionnaire", "schema").stdout)["properties"]


def test_assess_writes_an_html_report_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run("assess", str(EXAMPLES / "bakery.yaml"), "-f", "html", "-o", str(out), "-l", "it")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="it">' in text
    assert "Gestione ibrida" in text


def test_assess_markdown_defaults_to_the_questionnaires_language() -> None:
    result = run("assess", str(EXAMPLES / "manufacturer-campaign.yaml"), "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Meccanica Ferri S.p.A.\n")
    assert "## 1. Recommendation" in result.stdout


def test_a_report_without_a_date_in_the_answers_is_dated_today() -> None:
    import datetime

    before = datetime.date.today()
    result = run("assess", str(EXAMPLES / "manufacturer-campaign.yaml"), "--format", "markdown")
    days = {before, datetime.date.today()}  # the run may cross midnight
    assert any(f"**Date:** {day.isoformat()}" in result.stdout for day in days)


def test_written_files_keep_the_usual_permissions(tmp_path: Path) -> None:
    import os
    import stat

    fresh = tmp_path / "fresh.json"
    assert run("assess", str(EXAMPLES / "hotel.json"), "-f", "json", "-o", str(fresh)).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    shared = tmp_path / "shared.json"
    shared.write_text("{}", encoding="utf-8")
    shared.chmod(0o640)
    assert run("assess", str(EXAMPLES / "hotel.json"), "-f", "json", "-o", str(shared)).exit_code == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640
