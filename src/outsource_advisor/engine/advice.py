"""Decision support: what would change the answer, and how robust the answer is.

Both re-run the engine's lean core (`engine.scoring.decide`), so what they report is exactly what the
engine would do with the changed answers or weights. Pure: randomness only from a given seed.
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Iterator
from typing import Any

from outsource_advisor.engine.scoring import (
    choose,
    decide,
    decisive_rules,
    score,
    scored_answers,
    shown_values,
)
from outsource_advisor.i18n.messages import message
from outsource_advisor.i18n.wording import answer_label, format_decimal
from outsource_advisor.model.answers import Answers
from outsource_advisor.model.assessment import Assessment, Change, Robustness
from outsource_advisor.model.compiled import CompiledQuestion, compiled_of
from outsource_advisor.model.conditions import Condition
from outsource_advisor.model.questionnaire import (
    BooleanQuestion,
    MultiChoice,
    NumberQuestion,
    Questionnaire,
    SingleChoice,
)
from outsource_advisor.model.text import localize
from outsource_advisor.model.vocabulary import is_number

ROBUSTNESS_RUNS = 500
PERTURBATION = 0.2
SOLID, LEANING = 0.9, 0.7
_BISECT_STEPS = 30


def assess(questionnaire: Questionnaire, answers: Answers, lang: str, *, seed: int = 0) -> Assessment:
    """The whole assessment `assess` reports: the engine's scoring plus decision support."""
    return advise(questionnaire, answers, score(questionnaire, answers, lang=lang), lang, seed=seed)


def advise(
    questionnaire: Questionnaire, answers: Answers, assessment: Assessment, lang: str, *, seed: int = 0
) -> Assessment:
    """The assessment with `what_would_change` and `robustness` filled in (in `lang`)."""
    return dataclasses.replace(
        assessment,
        what_would_change=what_would_change(questionnaire, answers.values, assessment.recommendation, lang),
        robustness=robustness(questionnaire, answers.values, assessment.recommendation, seed=seed),
    )


# --- what would change the answer -------------------------------------------------------


def what_would_change(
    questionnaire: Questionnaire, values: dict[str, Any], recommendation: str, lang: str
) -> list[Change]:
    """For each question that can change, the nearest other answer that changes the
    recommendation (for numbers, the threshold in each direction), cheapest first."""
    compiled = compiled_of(questionnaire)
    shown, kept = shown_values(compiled, values)
    candidates = _candidate_questions(questionnaire, shown)
    changes: list[Change] = []
    for cq in candidates:
        current = kept.get(cq.id)
        for to, direction, distance in _nearest_changes(questionnaire, cq, kept, recommendation):
            trial = {**kept, cq.id: to}
            becomes = decide(questionnaire, trial).recommendation
            if becomes == recommendation:  # never report a change that does not change it
                continue
            changes.append(
                Change(
                    question=cq.id,
                    answer=current,
                    to=to,
                    direction=direction,
                    becomes=becomes,
                    distance=round(distance, 3),
                    message=_describe(questionnaire, cq, current, to, direction, becomes, lang),
                )
            )
    changes.sort(key=lambda c: (c.distance, c.question))
    return changes


def _candidate_questions(questionnaire: Questionnaire, shown: list[CompiledQuestion]) -> list[CompiledQuestion]:
    """Shown questions that can move the result: scored, or tested by a deciding rule."""
    decisive = set()
    for rule in questionnaire.rules:
        if rule.forbid or rule.require:
            decisive |= rule.if_.questions()
    return [cq for cq in shown if cq.question.changeable and (cq.scored or cq.id in decisive)]


def _nearest_changes(
    q: Questionnaire, cq: CompiledQuestion, values: dict[str, Any], rec: str
) -> Iterator[tuple[Any, str | None, float]]:
    question = cq.question
    current = values.get(cq.id)

    def changes(value: Any) -> bool:
        return decide(q, {**values, cq.id: value}).recommendation != rec

    if isinstance(question, NumberQuestion):
        yield from _number_changes(q, question, current, changes)
    elif isinstance(question, SingleChoice):
        options = [o.value for o in question.options]
        here = options.index(current) if current in options else None
        span = max(1, len(options) - 1)
        ranked = sorted(
            (i for i, v in enumerate(options) if v != current),
            key=lambda i: (abs(i - here) if here is not None else 1, i),
        )
        for i in ranked:
            if changes(options[i]):
                yield options[i], None, (abs(i - here) if here is not None else 1) / span
                return
    elif isinstance(question, BooleanQuestion):
        for flip in [not current] if isinstance(current, bool) else [True, False]:
            if changes(flip):
                yield flip, None, 1.0
                return
    elif isinstance(question, MultiChoice):
        chosen = current if isinstance(current, list) else []
        options = [o.value for o in q.options_of(question)]
        for option in options:
            toggled = [c for c in chosen if c != option] if option in chosen else [*chosen, option]
            if len(toggled) >= question.min_selected and changes(toggled):
                yield toggled, ("remove" if option in chosen else "add"), 1 / len(options)


def _number_changes(
    q: Questionnaire, question: NumberQuestion, current: Any, changes: Any
) -> Iterator[tuple[Any, str, float]]:
    """The nearest value above and below the current answer that changes the recommendation.

    Scores are linear between breakpoints (curve points, band edges, rule thresholds) and rules
    only switch at breakpoints, so the result can only change at one breakpoint or once between
    two: walk the breakpoints outward, then bisect the first interval that changes.
    """
    known = is_number(current)
    points = _breakpoints(q, question)
    span = _scoring_span(question) or (max(points) - min(points) if len(points) > 1 else 1.0)
    here = float(current) if known else None
    for direction in ("at_least", "at_most"):
        if here is None:
            ordered = sorted(points, reverse=direction == "at_most")
            start = None
        else:
            ordered = sorted(
                (p for p in points if (p > here if direction == "at_least" else p < here)),
                reverse=direction == "at_most",
            )
            start = here
        for point in ordered:
            if changes(_as_answer(question, point)):
                value = point if start is None else _bisect(question, start, point, changes)
                distance = abs(value - here) / span if here is not None else 1.0
                yield _as_answer(question, value), direction, distance
                break
            start = point


def _scoring_span(question: NumberQuestion) -> float:
    """The range over which the question's points vary: a change's size is measured against it."""
    xs = [c.at for c in question.curve or []] + [b.min for b in question.bands or []]
    return max(xs) - min(xs) if len(xs) > 1 else 0.0


def _breakpoints(q: Questionnaire, question: NumberQuestion) -> list[float]:
    points: set[float] = set()
    for bound in (question.min, question.max):
        if bound is not None:
            points.add(bound)
    points.update(b.min for b in question.bands or [])
    points.update(b.below for b in question.bands or [] if b.below is not None)
    points.update(c.at for c in question.curve or [])
    conditions: list[Condition] = [r.if_ for r in q.rules] + [p.if_ for p in q.phases]
    conditions += [other.when for other in q.questions.values() if other.when is not None]
    step = 1.0 if question.integer else 0.01
    for cond in conditions:
        for part in cond.walk():
            if part.question != question.id:
                continue
            points.update(v for v in (part.at_least, part.at_most) if v is not None)
            points.update(v + step for v in (part.above,) if v is not None)
            points.update(v - step for v in (part.below,) if v is not None)
            points.update(v for v in (part.above, part.below) if v is not None)
    lo = question.min if question.min is not None else -math.inf
    hi = question.max if question.max is not None else math.inf
    return sorted(p for p in points if lo <= p <= hi)


def _bisect(question: NumberQuestion, unchanged: float, changed: float, changes: Any) -> float:
    """The value nearest `unchanged` that still changes the result, rounded to a step a person
    would write (whole numbers, or 0.5 h, 10 EUR...) when that rounding still changes it."""
    a, b = unchanged, changed
    for _ in range(_BISECT_STEPS):
        if question.integer and abs(b - a) <= 1:
            break
        mid = (a + b) / 2
        if question.integer:
            mid = math.floor(mid) if b > a else math.ceil(mid)
            if mid in (a, b):
                break
        if changes(_as_answer(question, mid)):
            b = mid
        else:
            a = mid
    if question.integer:
        return b
    step = _friendly_step(abs(changed - unchanged))
    rounded = math.ceil(b / step) * step if changed > unchanged else math.floor(b / step) * step
    if (min(unchanged, changed) < rounded <= max(unchanged, changed)) and changes(rounded):
        return float(rounded)
    return round(b, 2) if changes(round(b, 2)) else b


def _friendly_step(span: float) -> float:
    for limit, step in ((5, 0.1), (50, 0.5), (500, 10.0), (5000, 50.0)):
        if span <= limit:
            return step
    return 100.0


def _as_answer(question: NumberQuestion, value: float) -> float | int:
    return round(value) if question.integer else value


def _describe(
    q: Questionnaire, cq: CompiledQuestion, current: Any, to: Any, direction: str | None, becomes: str, lang: str
) -> str:
    question = cq.question
    label = localize(question.label or question.text, lang, q.default_language)
    outcome = message(f"outcome.{becomes}", lang)
    if isinstance(question, NumberQuestion):
        at_bound = to == (question.max if direction == "at_least" else question.min)
        key = "change.exactly" if at_bound else f"change.{direction}"
        return message(key, lang).format(value=format_decimal(to, lang), label=label, outcome=outcome)
    if isinstance(question, MultiChoice):
        before = set(current) if isinstance(current, list) else set()
        (option,) = set(to) ^ before
        key = "change.add" if direction == "add" else "change.remove"
        return message(key, lang).format(answer=answer_label(q, cq.id, [option], lang), label=label, outcome=outcome)
    return message("change.answer", lang).format(answer=answer_label(q, cq.id, to, lang), label=label, outcome=outcome)


# --- robustness -------------------------------------------------------------------------


def robustness(
    questionnaire: Questionnaire,
    values: dict[str, Any],
    recommendation: str,
    *,
    runs: int = ROBUSTNESS_RUNS,
    perturbation: float = PERTURBATION,
    seed: int = 0,
) -> Robustness:
    """Perturb every weight of the questionnaire by up to ±`perturbation`, `runs` times, and
    count how often the recommendation stays. Rules do not depend on weights, so they hold.

    Each run sums the same rounded contributions as the engine, so with no perturbation every
    run reproduces the engine's recommendation exactly.
    """
    compiled = compiled_of(questionnaire)
    shown, kept = shown_values(compiled, values)
    scored = scored_answers(shown, kept)
    forbidden, required = decisive_rules(compiled, kept)
    answers = [[(i, coef, compiled.weights[i]) for i, coef in terms] for _, _, terms, _ in scored if terms]
    used = sorted({i for terms in answers for i, _, _ in terms})
    scale = compiled.scale
    rng = random.Random(seed)
    lo, width = 1 - perturbation, 2 * perturbation
    draw = rng.random
    kept_runs = 0
    for _ in range(runs):
        factors = {i: (lo + width * draw(), lo + width * draw(), lo + width * draw()) for i in used}
        a = b = c = 50.0
        for terms in answers:
            p0 = p1 = p2 = 0.0
            for i, coef, w in terms:
                f = factors[i]
                p0 += w[0] * f[0] * coef
                p1 += w[1] * f[1] * coef
                p2 += w[2] * f[2] * coef
            a += round(p0 * scale, 2) + 0.0
            b += round(p1 * scale, 2) + 0.0
            c += round(p2 * scale, 2) + 0.0
        scores = {"in_house": round(a, 2), "hybrid": round(b, 2), "outsourced": round(c, 2)}
        kept_runs += choose(scores, forbidden, required).recommendation == recommendation
    share = kept_runs / runs if runs else 1.0
    label = "solid" if share >= SOLID else "leaning" if share >= LEANING else "fragile"
    return Robustness(runs, perturbation, seed, round(share, 3), label)
