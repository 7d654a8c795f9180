"""The lean verdict a batch row shows is exactly what the full engine says."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BASE, EXAMPLES, QUESTIONNAIRE, answer_values, answers_of
from outsource_advisor.engine import score
from outsource_advisor.loading import check_answers_text, read_answers
from outsource_advisor.verdict import Verdict, Verdicts

VERDICTS = Verdicts(QUESTIONNAIRE)


def check(values: dict[str, Any]) -> None:
    answers = answers_of(values)
    assert VERDICTS.of(answers) == Verdict.of(score(QUESTIONNAIRE, answers))


@settings(max_examples=600, deadline=None)
@given(answer_values())
def test_verdict_matches_the_engine(values: dict[str, Any]) -> None:
    check(values)


@settings(max_examples=300, deadline=None)
@given(answer_values(), st.sets(st.sampled_from(sorted(QUESTIONNAIRE.questions))))
def test_verdict_matches_the_engine_with_optional_answers_left_out(values: dict[str, Any], drop: set[str]) -> None:
    # Unanswered questions weigh on the confidence like `unknown`; required ones may be missing
    # in a partial interview, which the engine also scores.
    from outsource_advisor.answers import validate_answers

    kept = {k: v for k, v in values.items() if k not in drop}
    answers = validate_answers(QUESTIONNAIRE, {"answers": kept}, partial=True)
    assert VERDICTS.of(answers) == Verdict.of(score(QUESTIONNAIRE, answers))


def test_the_same_answers_twice_give_the_same_verdict() -> None:
    # The per-question memo must not leak one response into the next.
    first = VERDICTS.of(answers_of(BASE))
    VERDICTS.of(answers_of({**BASE, "monthly_budget": 0, "channels": 7}))
    assert VERDICTS.of(answers_of(BASE)) == first


def test_examples_match() -> None:
    for path in sorted(EXAMPLES.glob("*.*")):
        if path.suffix not in {".yaml", ".json"} or "columns" in path.name:
            continue
        data, text = read_answers(path)
        answers = check_answers_text(QUESTIONNAIRE, data, text, str(path))
        assert VERDICTS.of(answers) == Verdict.of(score(QUESTIONNAIRE, answers)), path
