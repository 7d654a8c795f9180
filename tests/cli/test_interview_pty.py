"""The installed command in a real pseudo-terminal, typed into as a person would: answers, a
wrong entry, `?`, `<`, a note, Ctrl-C in the middle, then a resume that finishes. The answers
file on disk is checked after every step: each answer is saved before the next question shows."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest

from conftest import QUESTIONNAIRE, installed_command
from interview_data import BAKERY, TYPED
from outsource_advisor.files.loading import read_document
from outsource_advisor.model.answers import validate_answers

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")

STARTUP = 60  # seconds: the first screen of a cold start on a slow, busy CI machine
STEP = 20
PROMPT = r"(Answer|Risposta)[^\n]*: "  # the prompt, in either language, with or without its hint


class Terminal:
    """The installed command on a pseudo-terminal of 120 columns, without colours."""

    def __init__(self, cwd: Path, *args: str) -> None:
        command, *rest = installed_command()
        env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "120", "LINES": "50"}
        env.pop("FORCE_COLOR", None)
        self.child = pexpect.spawn(
            command, [*rest, *args], cwd=str(cwd), env=env, dimensions=(50, 120), encoding="utf-8", timeout=STEP
        )

    def sees(self, text: str, timeout: float = STEP) -> None:
        self.child.expect_exact(text, timeout=timeout)

    def types(self, line: str, then: str) -> None:
        """Type a line and Enter, then wait for `then` on the screen."""
        self.child.sendline(line)
        self.sees(then)

    def signals(self, signum: int, then: str) -> None:
        """Send a signal once the prompt waits for typing, as a person would, then wait for `then`.

        A signal that lands after Python last checked for signals but before readline starts
        waiting on the terminal is only seen at the next key, whatever the program does (a
        person presses Ctrl-C again); so it is sent again if `then` does not follow."""
        self.child.expect(PROMPT)
        for _attempt in range(3):
            time.sleep(0.3)
            if signum == signal.SIGINT:
                self.child.sendintr()  # Ctrl-C typed on the terminal
            else:
                self.child.kill(signum)
            try:
                self.sees(then, timeout=STEP / 3)
                return
            except pexpect.TIMEOUT:
                continue
        self.sees(then)

    def exit_status(self) -> int | None:
        self.child.expect(pexpect.EOF, timeout=STEP)
        self.child.close()
        return self.child.exitstatus  # type: ignore[no-any-return]


def on_disk(path: Path) -> dict[str, Any]:
    """The answers file as `assess` reads it; fails if it is not a valid (possibly partial) file."""
    data = read_document(path).data
    validate_answers(QUESTIONNAIRE, data, partial=True)
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []
    return dict(data)


def assess(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*installed_command(), "assess", str(path), "-f", "json"], capture_output=True, text=True, timeout=60
    )


def test_a_person_answers_mistypes_asks_goes_back_stops_and_resumes(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    term = Terminal(tmp_path, "interview", "--answers", "answers.yaml")
    term.sees("Answers are saved to answers.yaml after every answer.", timeout=STARTUP)
    term.sees("Question 1 of 22")
    assert not path.exists()

    term.types("Forno Rossi", then="Question 2 of 22")
    assert on_disk(path)["answers"] == {"company_name": "Forno Rossi"}
    assert on_disk(path)["complete"] is False

    term.types("9", then="Not accepted: '9'. Allowed: a number from 1 to 4")  # a wrong entry
    term.types("?", then="Size alone does not decide")  # the help
    assert on_disk(path)["answers"] == {"company_name": "Forno Rossi"}
    term.types("1", then="Question 3 of 22")
    assert on_disk(path)["answers"] == {"company_name": "Forno Rossi", "company_size": "micro"}

    term.types("2", then="Question 4 of 22")
    term.types("<", then="Question 3 of 22")  # back into the previous section
    term.sees("Current answer: 2 channels")
    term.types("3", then="Question 4 of 22")
    assert on_disk(path)["answers"]["channels"] == 3

    term.types("1", then="Question 5 of 22")
    term.types(":note the owner's nephew helps sometimes", then="Note saved.")
    assert on_disk(path)["notes"] == {"dedicated_staff": "the owner's nephew helps sometimes"}

    term.signals(  # Ctrl-C in the middle of question 5
        signal.SIGINT,
        then="Interrupted. Answers saved to answers.yaml (4 of 22 answered). "
        "Resume with: outsource-advisor interview --answers answers.yaml",
    )
    assert term.exit_status() == 130
    partial = on_disk(path)
    assert partial["complete"] is False
    assert partial["answers"] == {
        "company_name": "Forno Rossi",
        "company_size": "micro",
        "channels": 3,
        "internal_hours_per_week": 1,
    }
    refused = assess(path)
    assert refused.returncode == 1
    assert "not finished (complete: false); 16 required questions are not answered: dedicated_staff" in refused.stderr

    term = Terminal(tmp_path, "interview", "--answers", "answers.yaml")
    term.sees("Resuming answers.yaml: 4 of 22 questions already answered.", timeout=STARTUP)
    term.sees("Question 5 of 22")
    term.sees("Note: the owner's nephew helps sometimes")
    rest = list(TYPED.items())[4:]
    for number, ((qid, typed), (next_qid, _)) in enumerate(zip(rest, [*rest[1:], ("", "")], strict=True), 5):
        total = 23 if number >= 6 else 22  # willing_to_train shows once expertise is known
        after = f"Question {number + 1} of {total}" if next_qid else "Review of your answers"
        term.types(typed, then=after)
        assert on_disk(path)["answers"][qid] == BAKERY[qid], qid
    term.types("", then="Recommendation: Forno Rossi")
    term.sees("Answers saved to answers.yaml.")
    assert term.exit_status() == 0

    finished = on_disk(path)
    assert finished["complete"] is True
    assert finished["answers"] == {**BAKERY, "channels": 3}
    assert finished["notes"] == {"dedicated_staff": "the owner's nephew helps sometimes"}
    scored = assess(path)
    assert scored.returncode == 0, scored.stderr
    assert json.loads(scored.stdout)["respondent"] == "Forno Rossi"


def test_ctrl_c_in_italian_with_a_json_file(tmp_path: Path) -> None:
    term = Terminal(tmp_path, "interview", "-l", "it", "--answers", "a.json")
    term.sees("Domanda 1 di 22", timeout=STARTUP)
    term.types("Acme", then="Domanda 2 di 22")
    term.signals(
        signal.SIGINT,
        then="Interrotto. Risposte salvate in a.json (1 su 22 con risposta). "
        "Per riprendere: outsource-advisor interview --lang it --answers a.json",
    )
    assert term.exit_status() == 130
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["answers"] == {"company_name": "Acme"}


def test_ctrl_c_before_the_first_answer_saves_nothing(tmp_path: Path) -> None:
    term = Terminal(tmp_path, "interview", "--answers", "a.yaml")
    term.sees("Question 1 of 22", timeout=STARTUP)
    term.signals(signal.SIGINT, then="Stopped before the first answer; nothing was saved.")
    assert term.exit_status() == 130
    assert list(tmp_path.iterdir()) == []


def test_closing_the_terminal_keeps_every_answer_and_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    term = Terminal(tmp_path, "interview", "--answers", "a.yaml")
    term.sees("Question 1 of 22", timeout=STARTUP)
    term.types("Acme", then="Question 2 of 22")
    term.types("small", then="Question 3 of 22")
    # the window is closed: the terminal hangs up
    term.signals(signal.SIGHUP, then="Interrupted. Answers saved to a.yaml (2 of 22 answered).")
    assert term.exit_status() == 130
    assert on_disk(path)["answers"] == {"company_name": "Acme", "company_size": "small"}
