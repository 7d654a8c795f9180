"""The interview's answers file: what is saved is exactly what is read back, by a resumed
interview and by `assess`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import QUESTIONNAIRE, answer_values
from interview_data import BAKERY
from outsource_advisor.errors import InputError, UsageError
from outsource_advisor.files.loading import read_document
from outsource_advisor.files.yamlio import parse_document
from outsource_advisor.interview.autosave import (
    default_answers_path,
    dump_answers,
    load_state,
    open_session,
    save_answers,
)
from outsource_advisor.interview.loop import InterviewState
from outsource_advisor.model.answers import validate_answers

TRICKY = ["NO", "on", "010", "2024-01-02", "1e5", "null", "", " x ", "è", "\u0085", "a\nb", "'\"", "[/]", "#", "- a"]
texts = st.one_of(st.sampled_from(TRICKY), st.text(max_size=30))


@st.composite
def states(draw: st.DrawFn) -> InterviewState:
    """Any partial or whole set of answers (hidden ones included), skipped optional questions,
    notes and envelope texts."""
    values: dict[str, Any] = draw(answer_values())
    dropped = draw(st.sets(st.sampled_from(sorted(values))))
    if "company_name" in values:
        values["company_name"] = draw(texts)
    for qid in ("company_name", "internal_hourly_cost", "contract_ready"):
        if draw(st.booleans()):
            values[qid] = None
    kept = {qid: values[qid] for qid in QUESTIONNAIRE.questions if qid in values and qid not in dropped}
    notes = draw(st.dictionaries(st.sampled_from([*QUESTIONNAIRE.questions, "general"]), texts))
    optional = st.one_of(st.none(), texts.filter(bool))
    return InterviewState(kept, notes, draw(optional), draw(optional), draw(optional))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(state=states(), name=st.sampled_from(["answers.yaml", "answers.json"]))
def test_whatever_is_saved_is_read_back_exactly(tmp_path: Path, state: InterviewState, name: str) -> None:
    path = tmp_path / name
    save_answers(path, QUESTIONNAIRE, state)
    loaded, version = load_state(read_document(path), QUESTIONNAIRE)
    assert version == QUESTIONNAIRE.version
    assert loaded.values == state.values
    assert list(loaded.values) == list(state.values)
    assert loaded.notes == state.notes
    assert (loaded.name, loaded.date, loaded.interviewer) == (state.name, state.date, state.interviewer)
    assert {p.name for p in tmp_path.iterdir()} <= {"answers.yaml", "answers.json"}  # no temp file left


def test_a_finished_interview_is_a_file_assess_reads() -> None:
    state = InterviewState(BAKERY, {"monthly_budget": "stretch to 400"}, date="2026-11-02", interviewer="G. Verdi")
    text = dump_answers(QUESTIONNAIRE, state, "a.yaml")
    assert text.startswith("# Answers from an outsource-advisor interview.\nquestionnaire: social-media\n")
    data = parse_document(text, name="a.yaml")
    assert list(data) == [
        "questionnaire",
        "questionnaire_version",
        "respondent",
        "date",
        "interviewer",
        "complete",
        "notes",
        "answers",
    ]
    assert data["complete"] is True and data["respondent"] == "Forno Rossi"
    assert "  contract_ready: null\n" in text
    assert "  activities: [content_creation, profile_management, community_management, advertising, training]\n" in text
    answers = validate_answers(QUESTIONNAIRE, data)
    assert answers.values == {k: v for k, v in BAKERY.items() if v is not None}
    assert answers.notes == {"monthly_budget": "stretch to 400"}


def test_a_partial_file_says_it_is_unfinished_and_how_far_it_got() -> None:
    state = InterviewState({"company_name": None, "company_size": "micro"})
    text = dump_answers(QUESTIONNAIRE, state, "a.yaml")
    assert text.startswith(
        "# Answers from an outsource-advisor interview, not finished: 2 of 22 questions answered.\n"
        "# Continue it with: outsource-advisor interview --answers <this file>\n"
    )
    assert "complete: false\n" in text
    data = json.loads(dump_answers(QUESTIONNAIRE, state, "A.JSON"))
    assert data["complete"] is False and data["answers"] == {"company_name": None, "company_size": "micro"}
    assert "respondent" not in data and "notes" not in data


def test_the_default_file_is_named_after_the_questionnaire_and_the_day(tmp_path: Path) -> None:
    def default() -> str:
        return default_answers_path(QUESTIONNAIRE, "2026-11-02", tmp_path).name

    assert default() == "answers-social-media-2026-11-02.yaml"
    save_answers(tmp_path / default(), QUESTIONNAIRE, InterviewState({"company_size": "micro"}))
    assert default() == "answers-social-media-2026-11-02.yaml"  # unfinished: resumed
    save_answers(tmp_path / default(), QUESTIONNAIRE, InterviewState(BAKERY))
    assert default() == "answers-social-media-2026-11-02-2.yaml"  # finished: never reopened by accident
    (tmp_path / default()).write_text("not: [ours\n", encoding="utf-8")
    assert default() == "answers-social-media-2026-11-02-3.yaml"  # not an answers file: left alone
    (tmp_path / default()).write_text("questionnaire: other\ncomplete: false\n", encoding="utf-8")
    assert default() == "answers-social-media-2026-11-02-4.yaml"


def test_a_file_with_wrong_answers_is_refused_whole_with_every_line(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("answers:\n  company_size: tiny\n  channels: 25\n  chanels: 2\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_state(read_document(path), QUESTIONNAIRE)
    assert [str(p) for p in info.value.problems] == [
        f"{path}:2: answers.company_size: must be one of: micro, small, medium, large, or unknown (got 'tiny')",
        f"{path}:3: answers.channels: must be a whole number from 1 to 20, or unknown (got 25)",
        f"{path}:4: answers.chanels: unknown question; did you mean 'channels'?",
    ]


def test_a_resumed_file_keeps_hidden_answers_and_skipped_questions(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "answers:\n  expertise_level: advanced\n  willing_to_train: 'yes'\n  contract_ready:\n", encoding="utf-8"
    )
    state, _ = load_state(read_document(path), QUESTIONNAIRE)
    assert state.values == {"expertise_level": "advanced", "willing_to_train": True, "contract_ready": None}


def test_a_resumed_file_keeps_its_cost_assumptions(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "assumptions:\n  startup_multiplier: 1.5\n  activities:\n    seo: {agency_fee_per_month: 450}\n"
        "answers:\n  channels: 2\n",
        encoding="utf-8",
    )
    state, _ = load_state(read_document(path), QUESTIONNAIRE)
    save_answers(path, QUESTIONNAIRE, state.with_answer(QUESTIONNAIRE, "company_size", "micro"))
    saved = parse_document(path.read_text(encoding="utf-8"), name=path.name)
    assert saved["assumptions"] == {"startup_multiplier": 1.5, "activities": {"seo": {"agency_fee_per_month": 450}}}
    assert saved["answers"] == {"company_size": "micro", "channels": 2}


def test_a_session_resumes_with_the_questionnaire_the_file_names(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "questionnaire: social-media\nquestionnaire_version: '0.9'\ndate: '2026-01-01'\n"
        "answers: {company_size: micro}\n",
        encoding="utf-8",
    )
    session = open_session(None, path, today="2026-11-02", interviewer="G. Verdi")
    assert session.resumed and session.written_for == "0.9"
    assert session.state.values == {"company_size": "micro"}
    assert (session.state.date, session.state.interviewer) == ("2026-01-01", "G. Verdi")
    other = open_session(None, tmp_path / "new.json", today="2026-11-02")
    assert not other.resumed and other.state == InterviewState(date="2026-11-02")


def test_a_session_refuses_a_folder_that_does_not_exist_before_any_question(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        open_session(None, tmp_path / "nope" / "a.yaml", today="2026-11-02")
