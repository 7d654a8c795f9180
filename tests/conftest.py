"""Shared fixtures: the shipped questionnaire, a base profile, and ways to run the program."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st

from outsource_advisor.engine.scoring import score
from outsource_advisor.files.loading import load_questionnaire
from outsource_advisor.model.answers import Answers, validate_answers
from outsource_advisor.model.assessment import Assessment
from outsource_advisor.model.questionnaire import (
    BooleanQuestion,
    MultiChoice,
    NumberQuestion,
    Questionnaire,
    SingleChoice,
    TextQuestion,
)

# `HYPOTHESIS_PROFILE=deep pytest tests/files/test_fuzz_loaders.py` fuzzes for longer than CI does.
settings.register_profile("deep", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Any plain data a YAML or JSON file can hold, with the values that trip loaders up: for fuzzing.
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["unknown", "yes", "NO", "on", "010", "2024-01-02", "1e400", ".nan", "=1+1"]),
)
junk = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
QUESTIONNAIRE = load_questionnaire("social-media")

# A plain, complete profile: a small shop with a part-time person. Tests change what they need.
BASE: dict[str, Any] = {
    "company_name": "Test Shop",
    "company_size": "small",
    "channels": 2,
    "internal_hours_per_week": 4,
    "dedicated_staff": "part_time",
    "expertise_level": "intermediate",
    "willing_to_train": False,
    "has_monitoring_tools": False,
    "engagement_type": "ongoing_presence",
    "campaign_duration_months": 12,
    "weeks_to_launch": 6,
    "monthly_budget": 800,
    "internal_hourly_cost": 30,
    "voice_sensitivity": "medium",
    "communication_subject": "both",
    "management_involvement": "regular",
    "has_business_strategy": True,
    "has_social_strategy": True,
    "handles_personal_data": False,
    "shares_confidential_info": False,
    "previous_attempt": "never",
    "activities": ["social_strategy", "content_creation", "profile_management", "monitoring_measurement"],
}


def csv_cell(value: Any) -> str:
    """An answer as a CSV export writes it: lists joined by `;`, booleans as yes/no."""
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def answers_of(values: dict[str, Any], q: Questionnaire = QUESTIONNAIRE) -> Answers:
    return validate_answers(q, {"questionnaire": q.id, "answers": values})


def assess(values: dict[str, Any] | None = None, **changes: Any) -> Assessment:
    """Score BASE with some answers changed (a value of None removes the answer)."""
    merged = {**BASE, **(values or {}), **changes}
    return score(QUESTIONNAIRE, answers_of({k: v for k, v in merged.items() if v is not None}))


def _value_strategy(q: Questionnaire, question: Any) -> st.SearchStrategy[Any]:
    if isinstance(question, SingleChoice):
        return st.sampled_from([o.value for o in question.options])
    if isinstance(question, MultiChoice):
        values = [o.value for o in q.options_of(question)]
        return st.lists(st.sampled_from(values), min_size=max(1, question.min_selected), unique=True)
    if isinstance(question, NumberQuestion):
        lo = question.min if question.min is not None else 0
        hi = question.max if question.max is not None else 10_000
        if question.integer:
            return st.integers(int(lo), int(hi))
        return st.one_of(
            st.integers(int(lo), int(hi)),
            st.floats(lo, hi, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 2)),
        )
    if isinstance(question, BooleanQuestion):
        return st.booleans()
    assert isinstance(question, TextQuestion)
    return st.text(max_size=40)


@st.composite
def answer_values(draw: st.DrawFn, q: Questionnaire = QUESTIONNAIRE, unknown: bool = True) -> dict[str, Any]:
    """Any complete, valid set of answers; optional questions sometimes skipped, scored ones
    sometimes answered `unknown`."""
    values: dict[str, Any] = {}
    for qid, question in q.questions.items():
        if not question.required and draw(st.booleans()):
            continue
        if unknown and not isinstance(question, TextQuestion) and draw(st.integers(0, 9)) == 0:
            values[qid] = "unknown"
        else:
            values[qid] = draw(_value_strategy(q, question))
    return values


def installed_command() -> list[str]:
    """The console script installed beside the interpreter running the tests."""
    script = Path(sys.executable).parent / "outsource-advisor"
    return [str(script)] if script.exists() else [sys.executable, "-m", "outsource_advisor"]


@pytest.fixture
def run_installed(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed command in a subprocess, from an unrelated folder."""

    def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
        return subprocess.run(
            [*installed_command(), *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=cwd or tmp_path,
            env=env,
            timeout=60,
        )

    return run


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="Rewrite the golden files under tests/golden from the current output (then review them by eye).",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare a rendered report with its golden file, or rewrite the file with --update-goldens."""
    update = bool(request.config.getoption("--update-goldens"))

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="")
            return
        assert path.exists(), f"no golden file {path}; create it with: pytest --update-goldens"
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"{name} differs from its golden file; if intended: pytest --update-goldens"

    return check
