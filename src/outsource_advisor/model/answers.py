"""Answers files: the envelope format, and validation of every answer against a questionnaire."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError

from outsource_advisor.errors import InputError, Problem, did_you_mean, problems_from_pydantic
from outsource_advisor.model.compiled import InvalidAnswer, compiled_of
from outsource_advisor.model.questionnaire import CostOverrides, Questionnaire
from outsource_advisor.model.vocabulary import is_number


def _plain_text(value: Any) -> Any:
    """A respondent called `42` is still a name; YAML just read it as a number."""
    if is_number(value):
        return str(value)
    return value


def _notes(value: Any) -> Any:
    """A single note is a note on the whole interview."""
    return {"general": value} if isinstance(value, str) else value


NAME_MAX = 200  # characters in a respondent, interviewer, date or version
Name = Annotated[str, BeforeValidator(_plain_text), StringConstraints(max_length=NAME_MAX)]
Note = Annotated[str, StringConstraints(max_length=2000)]


class AnswersFile(BaseModel):
    """The file a person writes or the interview saves (YAML or JSON)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    questionnaire: Annotated[str, StringConstraints(max_length=NAME_MAX)] | None = None
    questionnaire_version: Name | None = None
    respondent: Name | None = None
    date: Name | None = None
    interviewer: Name | None = None
    complete: bool | None = None
    notes: Annotated[dict[str, Note], BeforeValidator(_notes), Field(max_length=500)] = {}
    assumptions: CostOverrides | None = None
    answers: dict[str, Any] = {}


ENVELOPE_KEYS = tuple(AnswersFile.model_fields)


@dataclass(frozen=True, slots=True)
class Answers:
    """Validated answers: only the questions shown under `when`, values normalised."""

    values: dict[str, Any]
    respondent: str | None = None
    notes: dict[str, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    questionnaire_version: str | None = None
    date: str | None = None
    interviewer: str | None = None
    assumptions: CostOverrides | None = None
    complete: bool | None = None


def read_envelope(data: Any) -> AnswersFile:
    """Check the top level of an answers file; the answers themselves are checked later."""
    if not isinstance(data, dict):
        raise InputError([Problem("an answers file must be a mapping with an 'answers:' section")])
    try:
        return AnswersFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for problem in problems_from_pydantic(exc.errors()):
            key = problem.loc[0] if problem.loc else None
            if problem.message == "unknown key" and isinstance(key, str):
                problem = Problem(_unknown_top_key(key), loc=problem.loc)
            problems.append(problem)
        raise InputError(problems) from None


def _unknown_top_key(key: str) -> str:
    hint = did_you_mean(key, list(ENVELOPE_KEYS)) or ";"
    return f"unknown key{hint} allowed: {', '.join(ENVELOPE_KEYS)} (answers go under 'answers:')"


def validate_answers(questionnaire: Questionnaire, data: Any, *, partial: bool = False) -> Answers:
    """Validate a parsed answers file against the questionnaire.

    Raises InputError listing every problem: unknown ids (with the closest id), wrong values
    (with what is allowed) and, unless `partial`, all required questions left unanswered.
    """
    envelope = read_envelope(data)
    problems: list[Problem] = []
    if envelope.questionnaire is not None and envelope.questionnaire != questionnaire.id:
        problems.append(
            Problem(
                f"these answers are for questionnaire {envelope.questionnaire!r}, not {questionnaire.id!r}",
                loc=("questionnaire",),
            )
        )
    values, value_problems = check_values(questionnaire, envelope.answers)
    problems += value_problems
    problems += _check_overrides(questionnaire, envelope.assumptions)
    answers = settle(questionnaire, values, envelope)
    missing = [qid for qid in answers.missing if qid not in envelope.answers]
    if missing and not partial:
        problems.append(missing_problem(missing, unfinished=envelope.complete is False))
    if problems:
        raise InputError(problems)
    return answers


def _check_overrides(questionnaire: Questionnaire, overrides: CostOverrides | None) -> list[Problem]:
    """Cost overrides may only name activities of the catalog."""
    if overrides is None:
        return []
    known = list(questionnaire.activity_index)
    problems = []
    for aid in overrides.activities:
        if aid not in questionnaire.activity_index:
            hint = did_you_mean(aid, known)
            problems.append(Problem(f"unknown activity{hint}", loc=("assumptions", "activities", aid)))
    return problems


def check_values(questionnaire: Questionnaire, raw: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """Normalise each answer; an empty value (null) counts as not answered."""
    compiled = compiled_of(questionnaire)
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for qid, value in raw.items():
        cq = compiled.by_id.get(qid) if isinstance(qid, str) else None
        if cq is None:
            hint = did_you_mean(str(qid), list(compiled.by_id))
            problems.append(Problem(f"unknown question{hint}", loc=("answers", str(qid))))
            continue
        if value is None:
            continue
        try:
            values[qid] = cq.validate(value)
        except InvalidAnswer as exc:
            problems.append(Problem(str(exc), loc=("answers", qid)))
    return values, problems


def settle(questionnaire: Questionnaire, values: dict[str, Any], envelope: AnswersFile | None = None) -> Answers:
    """Keep the answers to questions that are shown; note the hidden and the missing ones."""
    shown_ids: set[str] = set()
    missing: list[str] = []
    for cq in compiled_of(questionnaire).visible(values):
        shown_ids.add(cq.id)
        if cq.id not in values and cq.question.required:
            missing.append(cq.id)
    kept = {qid: v for qid, v in values.items() if qid in shown_ids}
    ignored = [qid for qid in values if qid not in shown_ids] if len(kept) < len(values) else []
    if envelope is None:  # a batch row: no envelope to carry over
        return Answers(values=kept, ignored=ignored, missing=missing)
    env = envelope
    return Answers(
        values=kept,
        respondent=env.respondent,
        notes=dict(env.notes),
        ignored=ignored,
        missing=missing,
        questionnaire_version=env.questionnaire_version,
        date=env.date,
        interviewer=env.interviewer,
        assumptions=env.assumptions,
        complete=env.complete,
    )


def missing_problem(missing: list[str], *, unfinished: bool = False) -> Problem:
    """One problem listing every required question left unanswered; for a file an interview
    saved before it ended (`complete: false`), also how to finish it."""
    count = len(missing)
    noun = "question is" if count == 1 else "questions are"
    message = f"{count} required {noun} not answered: {', '.join(missing)}"
    if unfinished:
        message = (
            f"the interview that wrote these answers was not finished (complete: false); {message}. "
            "Finish it with: outsource-advisor interview --answers <this file>"
        )
    return Problem(message, loc=("answers",))
