"""A questionnaire compiled once into closures: answer validators, `when` checks, scoring.

Batch scoring validates and scores thousands of responses against one questionnaire; doing
the lookups and parsing of the model once here keeps each response to plain dict and tuple work.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from outsource_advisor.errors import did_you_mean
from outsource_advisor.model.conditions import Check, compile_condition
from outsource_advisor.model.memo import Memo
from outsource_advisor.model.questionnaire import (
    BooleanQuestion,
    MultiChoice,
    NumberQuestion,
    PhasePath,
    Question,
    Questionnaire,
    ReadinessItem,
    Rule,
    SingleChoice,
    TextQuestion,
    accepts_unknown,
)
from outsource_advisor.model.text import format_number
from outsource_advisor.model.vocabulary import OUTCOMES, UNKNOWN, is_number

Triple = tuple[float, float, float]
Reason = str | dict[str, str]
ZERO: Triple = (0.0, 0.0, 0.0)

_YES = frozenset({"yes", "true", "y", "sì", "si"})
_NO = frozenset({"no", "false", "n"})
_OR_UNKNOWN = ", or unknown"
_DECIMAL = re.compile(r"^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$")


class InvalidAnswer(Exception):  # noqa: N818 - reads as "raise InvalidAnswer(...)"
    """An answer value is not allowed; the message says what is."""


# An answer's points are a weighted sum of weights from the questionnaire's weight table:
# one term for a choice, two for a point between two curve points, several for a multiple
# choice. Robustness checks perturb the weights themselves, so this is what they act on.
Terms = tuple[tuple[int, float], ...]
Scorer = Callable[[Any], tuple[Terms, Reason] | None]
Register = Callable[[Triple], int]


@dataclass(frozen=True, slots=True)
class CompiledQuestion:
    id: str
    question: Question
    when: Check | None
    validate: Callable[[Any], Any]
    allowed: str
    terms: Scorer | None
    lo: Triple
    hi: Triple
    choices: tuple[Triple, ...]
    additive: bool
    swing: float  # the most this answer can move any outcome: its weight in the confidence

    @property
    def scored(self) -> bool:
        return self.terms is not None

    def worst_lead(self, a: int, b: int) -> float:
        """How far, at worst, an answer here could pull outcome `a` back against `b` (raw points,
        never positive): what a `don't know` might be hiding."""
        leads = [t[a] - t[b] for t in self.choices]
        if self.additive:
            return sum(min(0.0, lead) for lead in leads)
        return min([0.0, *leads])


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: Rule
    check: Check


@dataclass(frozen=True, slots=True, weakref_slot=True)
class CompiledQuestionnaire:
    """A questionnaire compiled: what scoring and validation need, as plain lists, tuples and closures.
    Weakly referable, so that a room using one can keep a `Memo` beside it."""

    questions: list[CompiledQuestion]
    by_id: dict[str, CompiledQuestion]
    scale: float
    weights: tuple[Triple, ...]
    rules: list[CompiledRule]
    readiness: list[ReadinessItem]
    phases: list[tuple[PhasePath, Check]]

    def visible(self, values: dict[str, Any]) -> list[CompiledQuestion]:
        """The questions shown for these answers, in order. A `when` only sees answers to
        questions that are themselves shown."""
        shown: list[CompiledQuestion] = []
        seen: dict[str, Any] = {}
        for cq in self.questions:
            if cq.when is None or cq.when(seen, None):
                shown.append(cq)
                if cq.id in values:
                    seen[cq.id] = values[cq.id]
        return shown

    def points(self, terms: Terms) -> Triple:
        """The raw points of an answer: its weights times their coefficients, summed."""
        weights = self.weights
        if len(terms) == 1 and terms[0][1] == 1.0:
            return weights[terms[0][0]]
        rows = [(weights[i], c) for i, c in terms]
        return (
            sum(w[0] * c for w, c in rows),
            sum(w[1] * c for w, c in rows),
            sum(w[2] * c for w, c in rows),
        )


def compiled_of(q: Questionnaire) -> CompiledQuestionnaire:
    """Validators, conditions and scoring of `q`, compiled once and reused for every response.
    Remembered here, beside the model, which knows nothing of its compiler."""
    return _COMPILED(q)


def compile_questionnaire(q: Questionnaire) -> CompiledQuestionnaire:
    weights: list[Triple] = []

    def register(triple: Triple) -> int:
        weights.append(triple)
        return len(weights) - 1

    questions = [_compile_question(q, question, register) for question in q.questions.values()]
    swing = _total_swing(questions)
    scored = sum(1 for cq in questions if cq.scored)
    # Each contribution is rounded to 0.01: leave room for that so a score stays within 0..100.
    scale = (50 - 0.005 * scored) / swing if swing else 1.0
    return CompiledQuestionnaire(
        questions=questions,
        by_id={cq.id: cq for cq in questions},
        scale=scale,
        weights=tuple(weights),
        rules=[CompiledRule(rule, compile_condition(rule.if_)) for rule in q.rules],
        readiness=list(q.readiness),
        phases=[(path, compile_condition(path.if_)) for path in q.phases],
    )


_COMPILED = Memo(compile_questionnaire)


def _total_swing(questions: list[CompiledQuestion]) -> float:
    """The largest distance from 50 that all answers together could move any outcome."""
    worst = 0.0
    for i in range(len(OUTCOMES)):
        up = sum(cq.hi[i] for cq in questions)
        down = -sum(cq.lo[i] for cq in questions)
        worst = max(worst, up, down)
    return worst


def _bounds(triples: list[Triple]) -> tuple[Triple, Triple]:
    """Lowest and highest points per outcome, counting 0 (no answer, or unknown)."""
    lo = tuple(min([0.0] + [t[i] for t in triples]) for i in range(3))
    hi = tuple(max([0.0] + [t[i] for t in triples]) for i in range(3))
    return lo, hi  # type: ignore[return-value]


def _compile_question(q: Questionnaire, question: Question, register: Register) -> CompiledQuestion:
    when = compile_condition(question.when) if question.when is not None else None
    maker = {
        SingleChoice: _single,
        MultiChoice: _multi,
        NumberQuestion: _number,
        BooleanQuestion: _boolean,
        TextQuestion: _text,
    }[type(question)]
    validate, allowed, terms, triples = maker(q, question, register)  # type: ignore[operator]
    additive = isinstance(question, MultiChoice)
    choices = tuple(_triple(o.points) for o in q.options_of(question)) if additive else tuple(triples)
    lo, hi = _bounds(triples)
    swing = max(h - low for h, low in zip(hi, lo, strict=True))
    if accepts_unknown(question):
        validate = _with_unknown(validate)
    return CompiledQuestion(question.id, question, when, validate, allowed, terms, lo, hi, choices, additive, swing)


def _with_unknown(validate: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() == UNKNOWN:
            return UNKNOWN
        return validate(value)

    return check


def _got(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _triple(points: Any) -> Triple:
    return points.as_tuple() if points is not None else ZERO


def _single(q: Questionnaire, question: SingleChoice, register: Register) -> Any:
    options = q.options_of(question)
    values = [o.value for o in options]
    table: dict[str, tuple[Terms, Reason]] = {
        o.value: (((register(_triple(o.points)), 1.0),), o.reason or "") for o in options
    }
    allowed = f"one of: {', '.join(values)}{_OR_UNKNOWN}"

    def validate(value: Any) -> Any:
        if isinstance(value, str):
            choice = value.strip()
            if choice in table:
                return choice
            raise InvalidAnswer(f"must be {allowed} (got {_got(value)}{did_you_mean(choice, values)})")
        raise InvalidAnswer(f"must be {allowed} (got {_got(value)})")

    scored = any(o.points is not None for o in options)
    return validate, allowed, (table.get if scored else None), [_triple(o.points) for o in options]


def _multi(q: Questionnaire, question: MultiChoice, register: Register) -> Any:
    options = q.options_of(question)
    values = [o.value for o in options]
    known = set(values)
    table = {o.value: (register(_triple(o.points)), o.reason or "") for o in options}
    allowed = f"a list of: {', '.join(values)}{_OR_UNKNOWN}"
    lo_n, hi_n = question.min_selected, question.max_selected

    def validate(value: Any) -> Any:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise InvalidAnswer(f"must be {allowed} (got {_got(value)})")
        chosen = list(dict.fromkeys(i.strip() for i in items if i.strip()))
        for item in chosen:
            if item not in known:
                raise InvalidAnswer(f"{item!r} is not an option{did_you_mean(item, values)}; allowed: {allowed}")
        if len(chosen) < lo_n:
            raise InvalidAnswer(f"choose at least {lo_n} (got {len(chosen)})")
        if hi_n is not None and len(chosen) > hi_n:
            raise InvalidAnswer(f"choose at most {hi_n} (got {len(chosen)})")
        return chosen

    def terms(chosen: Any) -> tuple[Terms, Reason]:
        parts = [table[c] for c in chosen]
        return tuple((index, 1.0) for index, _ in parts), _join([r for _, r in parts if r])

    scored = any(o.points is not None for o in options)
    points = [_triple(o.points) for o in options]
    triples = [
        tuple(sum(min(0.0, t[i]) for t in points) for i in range(3)),
        tuple(sum(max(0.0, t[i]) for t in points) for i in range(3)),
    ]
    return validate, allowed, (terms if scored else None), triples


def _join(reasons: list[Reason]) -> Reason:
    if len(reasons) == 1:
        return reasons[0]
    if all(isinstance(r, str) for r in reasons):
        return " ".join(str(r) for r in reasons)
    langs = {lang for r in reasons if isinstance(r, dict) for lang in r}
    return {lang: " ".join(r if isinstance(r, str) else r.get(lang, "") for r in reasons) for lang in langs}


def _number(q: Questionnaire, question: NumberQuestion, register: Register) -> Any:
    lo, hi, whole = question.min, question.max, question.integer
    kind = "a whole number" if whole else "a number"
    if lo is not None and hi is not None:
        allowed = f"{kind} from {format_number(lo)} to {format_number(hi)}"
    elif lo is not None:
        allowed = f"{kind} of at least {format_number(lo)}"
    elif hi is not None:
        allowed = f"{kind} of at most {format_number(hi)}"
    else:
        allowed = kind
    allowed += _OR_UNKNOWN

    def validate(value: Any) -> Any:
        number = value
        if isinstance(value, str) and _DECIMAL.match(value.strip()):
            number = float(value.strip())
        if not is_number(number) or not math.isfinite(number):
            raise InvalidAnswer(f"must be {allowed} (got {_got(value)})")
        if whole:
            if number != int(number):
                raise InvalidAnswer(f"must be {allowed} (got {_got(value)})")
            number = int(number)
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            raise InvalidAnswer(f"must be {allowed} (got {_got(value)})")
        return number

    terms: Scorer | None = None
    triples: list[Triple] = []
    if question.bands:
        bands = [(b.min, b.below, register(b.points.as_tuple()), b.reason) for b in question.bands]
        triples = [b.points.as_tuple() for b in question.bands]

        def terms(x: Any) -> tuple[Terms, Reason] | None:
            for start, below, index, reason in bands:
                if x >= start and (below is None or x < below):
                    return ((index, 1.0),), reason
            return None

    elif question.curve:
        curve = [(c.at, register(c.points.as_tuple()), c.reason) for c in question.curve]
        triples = [c.points.as_tuple() for c in question.curve]

        def terms(x: Any) -> tuple[Terms, Reason] | None:
            return _on_curve(curve, x)

    return validate, allowed, terms, triples


def _on_curve(curve: list[tuple[float, int, Reason]], x: float) -> tuple[Terms, Reason]:
    """Linear between the curve's points, flat beyond its ends; the reason of the segment."""
    if x <= curve[0][0]:
        return ((curve[0][1], 1.0),), curve[0][2]
    for (x0, i0, reason), (x1, i1, _) in itertools.pairwise(curve):
        if x < x1:
            t = (x - x0) / (x1 - x0)
            return ((i0, 1.0 - t), (i1, t)), reason
    return ((curve[-1][1], 1.0),), curve[-1][2]


def _boolean(q: Questionnaire, question: BooleanQuestion, register: Register) -> Any:
    allowed = f"yes or no (true or false){_OR_UNKNOWN}"

    def validate(value: Any) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            word = value.strip().lower()
            if word in _YES:
                return True
            if word in _NO:
                return False
        raise InvalidAnswer(f"must be {allowed} (got {_got(value)})")

    table = {
        answer: (((register(_triple(spec.points)), 1.0),), spec.reason)
        for answer, spec in ((True, question.if_yes), (False, question.if_no))
        if spec is not None
    }
    triples = [_triple(spec.points) for spec in (question.if_yes, question.if_no) if spec is not None]
    return validate, allowed, (table.get if table else None), triples


def _text(q: Questionnaire, question: TextQuestion, register: Register) -> Any:
    limit = question.max_length
    allowed = f"text of at most {limit} characters"

    def validate(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise InvalidAnswer(f"must be {allowed} (got {_got(value)})")
        text = value if isinstance(value, str) else format_number(value)
        if len(text) > limit:
            raise InvalidAnswer(f"must be {allowed} (got {len(text)})")
        return text

    return validate, allowed, None, []
