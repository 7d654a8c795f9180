"""Checks of a questionnaire's scoring that are not errors but are almost always mistakes."""

from __future__ import annotations

import itertools
import typing
from typing import Any

from pydantic import BaseModel

from outsource_advisor.errors import Loc, Problem
from outsource_advisor.i18n.messages import LANGUAGES
from outsource_advisor.model.compiled import Triple
from outsource_advisor.model.questionnaire import (
    ActivityChange,
    BooleanQuestion,
    MultiChoice,
    NumberQuestion,
    Questionnaire,
    SingleChoice,
)
from outsource_advisor.model.text import Text, check_text, format_number, missing_languages
from outsource_advisor.model.vocabulary import OUTCOMES, Decision


def _is_text_type(annotation: Any) -> bool:
    return annotation == Text or any(_is_text_type(arg) for arg in typing.get_args(annotation))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def text_fields(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> frozenset[str]:
    """The names (as written in the file) of every field typed `Text`, in `model` and every
    model inside it. Found from the models, so a text field added later is checked too."""
    seen = set() if seen is None else seen
    seen.add(model)
    names: set[str] = set()
    for name, info in model.model_fields.items():
        if _is_text_type(info.annotation) or any(getattr(m, "func", None) is check_text for m in info.metadata):
            names.add(info.alias or name)
        for inner in _models_in(info.annotation):
            if inner not in seen:
                names |= text_fields(inner, seen)
    return frozenset(names)


_TEXT_KEYS = text_fields(Questionnaire)


def lint(q: Questionnaire) -> list[Problem]:
    """Unreachable outcomes, activities never delegated, band gaps and overlaps, missing texts."""
    return (
        _unreachable(q) + _never_delegated(q) + _band_gaps(q) + _missing_translations(q) + _languages_without_labels(q)
    )


def _choices(q: Questionnaire) -> list[list[Triple]]:
    """For each scored question, the points each possible answer gives (0 = no answer)."""
    result: list[list[Triple]] = []
    for question in q.questions.values():
        triples: list[Triple] = [(0.0, 0.0, 0.0)]
        if isinstance(question, SingleChoice | MultiChoice):
            triples += [o.points.as_tuple() for o in question.options if o.points]
        elif isinstance(question, NumberQuestion):
            triples += [b.points.as_tuple() for b in question.bands or []]
            triples += [c.points.as_tuple() for c in question.curve or []]
        elif isinstance(question, BooleanQuestion):
            triples += [s.points.as_tuple() for s in (question.if_yes, question.if_no) if s]
        if len(triples) > 1:
            result.append(triples)
    return result


def _can_win(choices: list[list[Triple]], target: int) -> bool:
    """Whether some answers make `target` score highest, trying a few greedy objectives."""
    others = [i for i in range(3) if i != target]
    objectives = [
        lambda t: t[target] - (t[others[0]] + t[others[1]]) / 2,
        lambda t: t[target] - t[others[0]],
        lambda t: t[target] - t[others[1]],
        lambda t: t[target] - max(t[others[0]], t[others[1]]),
    ]
    for objective in objectives:
        totals = [0.0, 0.0, 0.0]
        for triples in choices:
            best = max(triples, key=objective)
            totals = [a + b for a, b in zip(totals, best, strict=True)]
        if all(totals[target] > totals[i] for i in others):
            return True
    return False


def _unreachable(q: Questionnaire) -> list[Problem]:
    choices = _choices(q)
    required = {r.require for r in q.rules if r.require is not None}
    return [
        Problem(f"no answers can make {outcome.value!r} the recommendation", loc=("rules",))
        for i, outcome in enumerate(OUTCOMES)
        if outcome not in required and not _can_win(choices, i)
    ]


def _selects(change: ActivityChange, activity: Any) -> bool:
    return (
        (change.activities is None or activity.id in change.activities)
        and (change.skill is None or activity.skill in change.skill)
        and (change.voice is None or activity.voice in change.voice)
    )


def _never_delegated(q: Questionnaire) -> list[Problem]:
    problems = []
    for i, activity in enumerate(q.activities):
        if not activity.can_delegate:
            continue
        by_plan = any(e.decision is Decision.DELEGATE for e in activity.plan.values())
        by_rule = any(
            c.decision is Decision.DELEGATE and _selects(c, activity) for rule in q.rules for c in rule.set_activities
        )
        if not (by_plan or by_rule):
            problems.append(
                Problem(
                    f"activity {activity.id!r} is never delegated by its plan or any rule",
                    loc=("activities", i),
                )
            )
    return problems


def _band_gaps(q: Questionnaire) -> list[Problem]:
    problems = []
    for si, section in enumerate(q.sections):
        for qi, question in enumerate(section.questions):
            if not isinstance(question, NumberQuestion) or not question.bands:
                continue
            loc: Loc = ("sections", si, "questions", qi, "bands")
            bands = question.bands
            if question.min is not None and bands[0].min > question.min:
                problems.append(
                    Problem(
                        f"no band covers {format_number(question.min)} to {format_number(bands[0].min)}",
                        loc=loc + (0,),
                    )
                )
            for i, (band, following) in enumerate(itertools.pairwise(bands)):
                if band.below is None or band.below > following.min:
                    problems.append(
                        Problem(f"overlaps the next band (from {format_number(following.min)})", loc=loc + (i,))
                    )
                elif band.below < following.min:
                    problems.append(
                        Problem(
                            f"gap: no band covers {format_number(band.below)} to {format_number(following.min)}",
                            loc=loc + (i,),
                        )
                    )
            last = bands[-1]
            if last.below is not None and (question.max is None or last.below <= question.max):
                top = "any larger number" if question.max is None else format_number(question.max)
                problems.append(
                    Problem(
                        f"gap: no band covers {format_number(last.below)} up to {top}",
                        loc=loc + (len(bands) - 1,),
                    )
                )
    return problems


def _is_text(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and all(isinstance(v, str) for v in value.values()))


def _missing_translations(q: Questionnaire) -> list[Problem]:
    if len(q.languages) < 2:
        return []
    problems: list[Problem] = []

    def walk(value: Any, loc: Loc) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                if key in _TEXT_KEYS and _is_text(child):
                    missing = missing_languages(child, q.languages)
                    if missing:
                        problems.append(Problem(f"no {', '.join(missing)} text", loc=loc + (key,)))
                else:
                    walk(child, loc + (key,))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                walk(child, loc + (i,))

    walk(q.model_dump(mode="json", by_alias=True, exclude_defaults=True), ())
    return problems


def _languages_without_labels(q: Questionnaire) -> list[Problem]:
    """A declared language the program itself does not speak: its reports would mix languages."""
    return [
        Problem(f"the program has no report labels in {lang!r}: they would be shown in English", loc=("languages", i))
        for i, lang in enumerate(q.languages)
        if lang not in LANGUAGES
    ]
