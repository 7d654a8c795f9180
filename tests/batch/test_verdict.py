"""The lean verdict a batch row shows is exactly what the full engine says."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BASE, EXAMPLES, QUESTIONNAIRE, ROOT, answer_values, answers_of, csv_cell
from outsource_advisor.batch.columns import plan_columns
from outsource_advisor.batch.results import Verdict
from outsource_advisor.batch.verdict import Verdicts
from outsource_advisor.engine.scoring import score
from outsource_advisor.errors import InputError
from outsource_advisor.files.loading import check_answers, read_document
from outsource_advisor.model.answers import validate_answers
from outsource_advisor.model.questionnaire import Questionnaire

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
        if path.name.startswith("forms-"):  # a survey export and its column mapping
            continue
        answers = check_answers(read_document(path), QUESTIONNAIRE)
        assert VERDICTS.of(answers) == Verdict.of(score(QUESTIONNAIRE, answers)), path


# -- the quick paths: one pass over a parsed file or a CSV row, or None for the slow path ------

JUNK = st.one_of(
    st.sampled_from(
        ["", " ", "maybe", "many", "unknown", "UNKNOWN", "yes", "no", "Sì", "1e3", "-1", "0,5", "seo;tiktok"]
    ),
    st.integers(-5, 500),
    st.booleans(),
    st.none(),
    st.lists(st.sampled_from(["seo", "training", "tiktok"]), max_size=3),
)


@st.composite
def envelopes(draw: st.DrawFn) -> dict[str, Any]:
    """Answers files as people write them: mostly valid, with now and then a wrong value, an
    unknown key, a missing answer, an empty one, a hidden one, or an odd envelope field."""
    values = draw(answer_values())
    for qid in draw(st.sets(st.sampled_from(sorted(QUESTIONNAIRE.questions)), max_size=3)):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            values.pop(qid, None)
        elif choice == 1:
            values[qid] = None
        else:
            values[qid] = draw(JUNK)
    if draw(st.integers(0, 9)) == 0:
        values["expertise"] = "none"
    envelope: dict[str, Any] = {"answers": values}
    extra = draw(
        st.dictionaries(
            st.sampled_from(["respondent", "questionnaire", "date", "complete", "notes", "interviewer", "extra"]),
            st.one_of(st.text(max_size=5), st.integers(0, 2), st.booleans(), st.just("social-media")),
            max_size=3,
        )
    )
    return {**envelope, **extra}


def slow(data: dict[str, Any]) -> tuple[str | None, Verdict] | None:
    try:
        answers = validate_answers(QUESTIONNAIRE, data)
    except InputError:
        return None
    return answers.respondent, Verdict.of(score(QUESTIONNAIRE, answers))


@settings(max_examples=500, deadline=None)
@given(envelopes())
def test_quick_agrees_with_validation_and_the_engine(data: dict[str, Any]) -> None:
    quick = VERDICTS.quick(data)
    if quick is not None:  # None only ever sends the file down the slow path
        assert quick == slow(data)


def test_quick_takes_plain_files_and_leaves_the_rest() -> None:
    assert VERDICTS.quick({"respondent": "Forno", "answers": BASE}) == slow({"respondent": "Forno", "answers": BASE})
    for odd in (
        {"answers": {**BASE, "channels": "many"}},  # a message to give
        {"answers": {k: v for k, v in BASE.items() if k != "channels"}},  # a required answer missing
        {"respondent": 42, "answers": BASE},  # a number as a name: the model turns it to text
        {"notes": "call back", "answers": BASE},
        {"questionnaire": "it-support", "answers": BASE},
        [],
    ):
        assert VERDICTS.quick(odd) is None


ROW_CELLS = st.one_of(
    st.sampled_from(["", " ", "unknown", "yes", "No", "TRUE", "3", " 4 ", "2.5", "0,5", "x", "many", "seo;training"]),
    st.sampled_from(["micro", "none", "basic", "advanced", "low", "brand", "regular", "never", "abandoned"]),
    st.sampled_from(["content_creation;seo", "seo; ;training", "tiktok", "unknown", "ongoing_presence"]),
)


@settings(max_examples=300, deadline=None)
@given(answer_values(), st.dictionaries(st.sampled_from(sorted(QUESTIONNAIRE.questions)), ROW_CELLS, max_size=4))
def test_quick_row_agrees_with_the_envelope_path(values: dict[str, Any], noise: dict[str, str]) -> None:
    header = ["respondent", *QUESTIONNAIRE.questions]
    plan = plan_columns(header, QUESTIONNAIRE, None)
    row = ["Forno"] + [noise[q] if q in noise else csv_cell(values.get(q)) for q in QUESTIONNAIRE.questions]
    quick = VERDICTS.quick_row(plan, row)
    again = VERDICTS.quick_row(plan, row)  # the second time from the columns' memory
    assert quick == again
    if quick is not None:
        assert quick == slow(plan.envelope(row))


def test_a_scored_multiple_choice_question_is_summed_like_the_engine() -> None:
    data = yaml.safe_load((ROOT / "questionnaires" / "social-media.yaml").read_text(encoding="utf-8"))
    data["sections"][0]["questions"].append(
        {
            "id": "platforms",
            "type": "multi_choice",
            "required": False,
            "text": "Which platforms?",
            "help": "Any.",
            "options": [
                {"value": v, "label": v, "points": {"in_house": p, "hybrid": -p / 3, "outsourced": 0.7}, "reason": "r"}
                for v, p in (("facebook", 1.3), ("instagram", -0.4), ("linkedin", 2.1))
            ],
        }
    )
    q = Questionnaire.model_validate(data)
    verdicts = Verdicts(q)
    for chosen in ([], ["facebook"], ["linkedin", "instagram"], ["facebook", "instagram", "linkedin"], "unknown"):
        answers = validate_answers(q, {"answers": {**BASE, "platforms": chosen}})
        expected = Verdict.of(score(q, answers))
        assert verdicts.of(answers) == expected
        assert verdicts.quick({"answers": {**BASE, "platforms": chosen}}) == (None, expected)
