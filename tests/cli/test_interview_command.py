"""`outsource-advisor interview` through typer's runner: standard input is not a terminal, so
the interview reads one answer per line (a scripted interview) and never waits after it ends."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import QUESTIONNAIRE
from interview_data import BAKERY, TYPED
from outsource_advisor.cli.app import app
from outsource_advisor.files.loading import read_document

runner = CliRunner()
LINES = list(TYPED.values())


def interview(*args: str, lines: list[str] | None = None) -> Result:
    """Run the command with these lines on standard input, on a screen wide enough not to wrap."""
    given = "".join(f"{line}\n" for line in lines or [])
    return runner.invoke(app, ["interview", *args], input=given, env={"COLUMNS": "300"})


def saved(path: Path) -> dict[str, object]:
    data = read_document(path).data
    assert isinstance(data, dict)
    return data


def test_a_scripted_interview_saves_the_answers_and_shows_the_report(tmp_path: Path) -> None:
    path = tmp_path / "bakery.yaml"
    result = interview("--answers", str(path), "--interviewer", "G. Verdi", lines=[*LINES, ""])
    assert result.exit_code == 0, result.output
    assert f"Answers are saved to {path} after every answer." in result.stdout
    assert "Question 23 of 23" in result.stdout and "Review of your answers" in result.stdout
    assert "Recommendation: Forno Rossi" in result.stdout and "HYBRID" in result.stdout
    assert result.stdout.rstrip().endswith(
        f"Answers saved to {path}. Score them again with: outsource-advisor assess {path}"
    )
    data = saved(path)
    assert data["complete"] is True and data["interviewer"] == "G. Verdi"
    assert data["answers"] == BAKERY
    assessed = runner.invoke(app, ["assess", str(path), "-f", "json"])
    assert assessed.exit_code == 0 and json.loads(assessed.stdout)["recommendation"] == "hybrid"


def test_a_script_that_ends_early_saves_and_says_how_to_resume_then_resuming_finishes(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    first = interview("--answers", str(path), lines=LINES[:5])
    assert first.exit_code == 1
    assert first.stderr.strip() == (
        f"The input ended before the interview did. Answers saved to {path} (5 of 22 answered). "
        f"Resume with: outsource-advisor interview --answers {path}"
    )
    data = saved(path)
    assert data["complete"] is False and data["answers"] == {k: BAKERY[k] for k in list(TYPED)[:5]}
    assessed = runner.invoke(app, ["assess", str(path)])
    assert assessed.exit_code == 1 and "not finished (complete: false); 15 required questions" in assessed.stderr

    second = interview("--answers", str(path), lines=LINES[5:])
    assert second.exit_code == 0, second.output
    assert f"Resuming {path}: 5 of 22 questions already answered." in second.stdout
    assert "Question 6 of 22" in second.stdout and "Question 5 of" not in second.stdout
    assert saved(path)["answers"] == BAKERY and saved(path)["complete"] is True


def test_no_input_at_all_stops_at_once_and_points_to_assess(tmp_path: Path) -> None:
    result = interview("--answers", str(tmp_path / "a.yaml"))
    assert result.exit_code == 1
    assert result.stderr == (
        "Standard input is not a terminal and gave no answers. Run the interview in a terminal, give it one "
        "answer per line on standard input, or score an answers file with: outsource-advisor assess FILE\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_the_default_file_is_named_at_the_start_and_resumed_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = f"answers-social-media-{datetime.date.today().isoformat()}.yaml"
    first = interview(lines=LINES[:3])
    assert f"Answers are saved to {name} after every answer." in first.stdout
    assert f"Resume with: outsource-advisor interview --answers {name}" in first.stderr
    second = interview(lines=LINES[3:])
    assert second.exit_code == 0 and f"Resuming {name}: 3 of 22 questions already answered." in second.stdout
    third = interview(lines=LINES[:1])  # the finished file is left alone: a new interview starts
    assert f"Answers are saved to {name.replace('.yaml', '-2.yaml')}" in third.stdout
    assert saved(tmp_path / name)["answers"] == BAKERY


def test_an_invalid_answers_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    text = "answers:\n  channels: many\n"
    path.write_text(text, encoding="utf-8")
    result = interview("--answers", str(path), lines=LINES)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {path}:2: answers.channels: must be a whole number from 1 to 20, or unknown (got 'many')\n"
    )
    assert path.read_text(encoding="utf-8") == text


def test_a_questionnaire_file_is_never_taken_for_answers(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text("id: x\nversion: '1'\nsections: []\n", encoding="utf-8")
    result = interview("--answers", str(path), lines=LINES)
    assert result.exit_code == 1 and "unknown key" in result.stderr


def test_usage_errors_come_before_the_first_question(tmp_path: Path) -> None:
    missing = interview("--answers", str(tmp_path / "nope" / "a.yaml"), lines=LINES)
    assert missing.exit_code == 2 and "the folder" in missing.stderr and "does not exist" in missing.stderr
    french = interview("--answers", str(tmp_path / "a.yaml"), "--lang", "fr", lines=LINES)
    assert french.exit_code == 2 and "language 'fr' is not available" in french.stderr
    assert "Question 1" not in missing.stdout + french.stdout
    assert list(tmp_path.iterdir()) == []


def test_a_questionnaire_given_as_a_file_is_part_of_the_resume_command(tmp_path: Path) -> None:
    questionnaire = tmp_path / "mine.yaml"
    questionnaire.write_text(
        (Path(__file__).parents[2] / "questionnaires" / "social-media.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    path = tmp_path / "a.yaml"
    result = interview("-q", str(questionnaire), "--answers", str(path), lines=LINES[:2])
    assert f"Resume with: outsource-advisor interview --questionnaire {questionnaire} --answers {path}" in result.stderr
    assert saved(path)["questionnaire"] == QUESTIONNAIRE.id
