"""Every file under tests/bad_inputs/ is a broken or hostile input, beside the exact error it
must produce (`NAME.expected`, reviewed by eye). Each runs through the installed command."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

CORPUS = Path(__file__).parents[1] / "bad_inputs"
CASES = sorted(p for p in CORPUS.iterdir() if p.suffix != ".expected")


def test_every_case_has_its_expected_message() -> None:
    for case in CASES:
        assert case.with_name(case.name + ".expected").is_file(), case.name


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_bad_input_is_refused_clearly(
    case: Path, run_installed: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    command = "validate" if case.name.startswith("questionnaire-") else "assess"
    result = run_installed(command, case.name, cwd=CORPUS)
    expected = case.with_name(case.name + ".expected").read_text(encoding="utf-8")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == expected
    assert "Traceback" not in result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith("error: ") and case.name in line
