"""The verdict of one response: what a batch row shows, computed without the full report.

`engine.score` builds a complete `Assessment` (every contribution with its reason in words,
the plan and costs of all three outcomes, readiness, warning texts). A batch row shows only the
recommendation, the three scores, the margin, the confidence, the activities delegated,
shared and kept, and the warning codes. `Verdicts` computes exactly those, from tables built
once per questionnaire:

- each question remembers what each distinct answer validates to, and its scaled points
  (a survey repeats the same few values), so most answers cost a dictionary lookup;
- the rules that can apply to an outcome are compiled into one function per use (deciding
  the outcome, adjusting the plan, raising warnings) that tests them all in one call;
- only the recommendation's plan is worked out, and no text is formatted.

The arithmetic is the engine's, term by term and in the same order, so the numbers are equal,
not merely close; where the engine decides (a rule requires or forbids an outcome) its own
functions are called. A property test checks `Verdicts` against `engine.score`, field by field.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from operator import add
from typing import TYPE_CHECKING, Any, NamedTuple

from outsource_advisor.compiled import CompiledQuestion, InvalidAnswer
from outsource_advisor.conditions import OUTCOMES, UNKNOWN, Condition, compile_conditions
from outsource_advisor.engine import _TIE_ORDER, _choose, _matches, _runner_up, _scaled
from outsource_advisor.questionnaire import Decision, MultiChoice, Outcome, Questionnaire, Rule, TextQuestion

if TYPE_CHECKING:
    from outsource_advisor.answers import Answers
    from outsource_advisor.assessment import Assessment
    from outsource_advisor.columns import ColumnPlan

_MEMO_LIMIT = 4096
_ENVELOPE_KEYS = frozenset(
    {"questionnaire", "questionnaire_version", "respondent", "date", "interviewer", "complete", "answers"}
)
_TEXT_KEYS = ("questionnaire_version", "date", "interviewer")
_NO_ANSWERS: dict[str, Any] = {}
_MISS: Any = object()
_TIE_RANK = {outcome: -_TIE_ORDER.index(outcome) for outcome in OUTCOMES}
_NUMBER = (int, float)
_RIVALS = {outcome: [o for o in OUTCOMES if o != outcome] for outcome in OUTCOMES}
_INDEX = {outcome: i for i, outcome in enumerate(OUTCOMES)}
# An answer's part in a verdict: its scaled points (in_house, hybrid, outsourced), the weight
# it adds to what is answered, and whether it leaves the question open. A missing or
# `unknown` answer adds a zero term (as the engine's `unknown` contribution does; adding +0.0
# leaves any sum as it was).
Part = tuple[float, float, float, float, bool]
_OPEN: Part = (0.0, 0.0, 0.0, 0.0, True)
INVALID: Any = object()  # a value its question refuses: the slow path says why


class Verdict(NamedTuple):
    """The fields of an assessment that a batch row shows."""

    recommendation: str
    scores: tuple[float, float, float]
    margin: float
    confidence: float
    delegated: tuple[str, ...]
    shared: tuple[str, ...]
    kept: tuple[str, ...]
    warnings: tuple[str, ...]

    @classmethod
    def of(cls, assessment: Assessment) -> Verdict:
        """The same fields, taken from a full assessment."""
        return cls(
            recommendation=assessment.recommendation,
            scores=(assessment.scores["in_house"], assessment.scores["hybrid"], assessment.scores["outsourced"]),
            margin=assessment.margin,
            confidence=assessment.confidence,
            delegated=tuple(assessment.decided(Decision.DELEGATE)),
            shared=tuple(assessment.decided(Decision.SHARE)),
            kept=tuple(assessment.decided(Decision.KEEP)),
            warnings=tuple(assessment.warning_codes),
        )


_ROUNDED: dict[float, float] = {}


def round2(x: float) -> float:
    """`round(x, 2)`, remembered: CPython rounds a float to digits through its decimal string,
    dear at millions of calls, while a batch meets the same sums again and again. (Zero is
    not remembered: -0.0 == 0.0 but they round apart.)"""
    found = _ROUNDED.get(x)
    if found is None:
        found = round(x, 2)
        if x != 0.0 and len(_ROUNDED) < 200_000:
            _ROUNDED[x] = found
    return found


def _memo_key(raw: Any) -> Any:
    """A key under which a raw answer's validation can be remembered, or None.

    Text is its own key. Numbers and booleans carry their type (`True == 1` must not share a
    result); a float zero is not remembered (`-0.0 == 0.0`, and the sign is kept)."""
    kind = type(raw)
    if kind is str:
        return raw
    if kind is int or kind is bool or (kind is float and raw != 0.0):
        return (kind, raw)
    return None


class _Question:
    """One question, compiled for verdicts: its validator with a memory, its `when`, and for a
    scored question each answer's part in the verdict and the question's worst leads."""

    __slots__ = (
        "id",
        "leads",
        "memo",
        "multi",
        "parts",
        "remember",
        "required",
        "scale",
        "score",
        "swing",
        "validate",
        "when",
    )

    def __init__(self, cq: CompiledQuestion, scale: float) -> None:
        self.id = cq.id
        self.validate = cq.validate
        self.when = cq.when
        self.required = cq.question.required
        self.multi = isinstance(cq.question, MultiChoice)
        self.remember = not isinstance(cq.question, TextQuestion)  # free text rarely repeats
        self.score = cq.score
        self.scale = scale
        self.swing = cq.swing
        self.leads = [[cq.worst_lead(a, b) for b in range(3)] for a in range(3)]
        self.memo: dict[Any, Any] = {}
        self.parts: dict[Any, Part] | None = None
        if cq.score is not None:
            self.parts = {None: _OPEN, UNKNOWN: _OPEN}

    def check(self, raw: Any) -> Any:
        """The validated answer, or INVALID."""
        key = _memo_key(raw) if self.remember else None
        if key is not None:
            found = self.memo.get(key, _MISS)
            if found is not _MISS:
                return found
        try:
            value = self.validate(raw)
        except InvalidAnswer:
            value = INVALID
        if key is not None and len(self.memo) < _MEMO_LIMIT:
            self.memo[key] = value
        return value

    def part(self, value: Any) -> Part:
        """A valid answer's part: the engine's scaled points (a zero term when it gives none),
        the question's weight, and False (not open); remembered."""
        parts = self.parts
        assert parts is not None and self.score is not None
        key = tuple(value) if type(value) is list else value
        found = parts.get(key)
        if found is not None:
            return found
        if value is None or value == UNKNOWN:
            found = _OPEN
        else:
            scored = self.score(value)
            if scored is None:
                found = (0.0, 0.0, 0.0, self.swing, False)
            else:
                scaled = _scaled(scored[0], self.scale)
                found = (scaled["in_house"], scaled["hybrid"], scaled["outsourced"], self.swing, False)
        if len(parts) < _MEMO_LIMIT:
            parts[key] = found
        return found


Collected = tuple[float, float, float, float, tuple[Part, ...]]


def _collect(values: dict[str, Any], scored: list[_Question]) -> Collected:
    """The three scores, the weight answered, and each scored question's part.

    The engine's contributions, term by term and in the same order (50, then each answer), so
    that the sums are equal, not merely close; the answered weight summed in order too."""
    get = values.get
    parts = []
    for question in scored:
        value = get(question.id)
        part = question.parts.get(value) if type(value) is not list else None  # type: ignore[union-attr]
        parts.append(part if part is not None else question.part(value))
    return (
        round2(sum([part[0] for part in parts], 50.0)),
        round2(sum([part[1] for part in parts], 50.0)),
        round2(sum([part[2] for part in parts], 50.0)),
        reduce(add, [part[3] for part in parts], 0.0),
        tuple(parts),
    )


def _compile_collect(scored: list[_Question]) -> Callable[[dict[str, Any]], Collected]:
    """`_collect` for all the scored questions, unrolled into one generated function: one
    lookup per answer, then the sums written out term by term (the same terms, the same
    order). The source holds only names made here; ids and tables are in the namespace."""
    namespace: dict[str, Any] = {"round2": round2}
    lines = ["def collect(values):", "    get = values.get"]
    for i, question in enumerate(scored):
        namespace[f"ID{i}"], namespace[f"M{i}"], namespace[f"Q{i}"] = question.id, question.parts, question
        lines.append(f"    a = get(ID{i})")
        lookup = f"M{i}.get(a)" if not question.multi else f"(M{i}.get(a) if type(a) is not list else None)"
        lines.append(f"    p{i} = {lookup}")
        lines.append(f"    if p{i} is None:")
        lines.append(f"        p{i} = Q{i}.part(a)")
    names = [f"p{i}" for i in range(len(scored))]

    def terms(k: int) -> str:
        return "".join(f"{name}[{k}], " for name in names)

    lines.append(f"    return (round2(sum(({terms(0)}), 50.0)), round2(sum(({terms(1)}), 50.0)),")
    lines.append(f"            round2(sum(({terms(2)}), 50.0)),")
    lines.append("            0.0" + "".join(f" + {name}[3]" for name in names) + ",")
    lines.append(f"            ({''.join(f'{name}, ' for name in names)}))")
    exec(compile("\n".join(lines) + "\n", "<verdict>", "exec"), namespace)
    return namespace["collect"]  # type: ignore[no-any-return]


def _outcomes(cond: Condition) -> frozenset[str]:
    """The outcomes for which a condition can hold: an `all` holds only where each part can."""
    if cond.outcome is not None:
        return frozenset(cond.outcome)
    possible = frozenset(OUTCOMES)
    for part in cond.all or []:
        possible &= _outcomes(part)
    return possible


class _Rules(NamedTuple):
    """Some rules, in order, and one function that tests all their conditions at once."""

    rules: list[Rule]
    test: Callable[[Any, str | None], tuple[bool, ...]]
    codes: list[str]  # the code each rule warns with ("" for none)

    @classmethod
    def of(cls, rules: list[Rule]) -> _Rules:
        codes = [rule.warn.code if rule.warn is not None else "" for rule in rules]
        return cls(rules, compile_conditions([rule.if_ for rule in rules]), codes)


class _Activity(NamedTuple):
    position: int
    id: str
    activity: Any
    plan: dict[str, Decision]
    fee: float
    per_unit: bool
    startup_only: bool


class Verdicts:
    """Verdicts for one questionnaire: build once per run (and per worker process)."""

    def __init__(self, questionnaire: Questionnaire) -> None:
        q = self.q = questionnaire
        compiled = q.compiled
        self.scale = compiled.scale
        self.questions = [_Question(cq, self.scale) for cq in compiled.questions]
        self.by_id = {question.id: question for question in self.questions}
        self.conditional = [question for question in self.questions if question.when is not None]
        self.required = frozenset(question.id for question in self.questions if question.required)
        self.scored = [question for question in self.questions if question.parts is not None]
        self.collect = _compile_collect(self.scored)
        self.total_swing = 0.0  # summed in order, as the engine does, for when none is hidden
        for question in self.scored:
            self.total_swing += question.swing
        self.margin_for_full = q.confidence.margin_for_full
        rules = q.rules
        self.decisive = _Rules.of([r for r in rules if r.forbid or r.require is not None])
        # Per outcome, the rules that can apply to it at all (a rule whose condition requires
        # another outcome is left out; the order of the rest is kept).
        self.plan_rules = {
            o: _Rules.of([r for r in rules if r.set_activities and o in _outcomes(r.if_)]) for o in OUTCOMES
        }
        self.warning_rules = {
            o: _Rules.of([r for r in rules if r.warn is not None and o in _outcomes(r.if_)]) for o in OUTCOMES
        }
        self.activities_question = q.activities_question
        self.catalog = {
            a.id: _Activity(
                i,
                a.id,
                a,
                {o: a.plan[Outcome(o)].decision for o in OUTCOMES},
                a.agency_fee_per_month,
                a.per_unit,
                a.startup_only,
            )
            for i, a in enumerate(q.activities)
        }
        costs = q.costs
        self.costs = costs
        self.units_question = costs.inputs.units
        self.budget_question = costs.inputs.budget
        self.budget_code = costs.budget_warning.code if costs.budget_warning is not None else None
        self.agency_share = costs.agency_share_when_shared
        self.extra_unit_share = costs.extra_unit_share

    # -- answers in ------------------------------------------------------------------------

    def of(self, answers: Answers) -> Verdict:
        """The verdict `engine.score` would give these validated answers."""
        values = answers.values
        shown = [self.by_id[cq.id] for cq in self.q.compiled.visible(values)]
        return self._verdict(values, [question for question in shown if question.parts is not None], None)

    def quick(self, data: Any) -> tuple[str | None, Verdict] | None:
        """The respondent and verdict of a parsed answers file that is plainly valid, checked
        in one pass; None when anything would need a message or a closer look (then
        `validate_answers` gives the very answers, or the error, `assess` would)."""
        if type(data) is not dict or not data.keys() <= _ENVELOPE_KEYS:
            return None
        raw = data.get("answers", _NO_ANSWERS)
        respondent = data.get("respondent")
        named = data.get("questionnaire")
        if (
            type(raw) is not dict
            or (respondent is not None and type(respondent) is not str)
            or (named is not None and named != self.q.id)
            or any(data.get(k) is not None and type(data[k]) is not str for k in _TEXT_KEYS)
            or (data.get("complete") is not None and type(data["complete"]) is not bool)
        ):
            return None
        by_id = self.by_id
        values: dict[str, Any] = {}
        for qid, answer in raw.items():
            question = by_id.get(qid) if type(qid) is str else None
            if question is None:
                return None
            if answer is None:
                continue
            value = question.memo.get(answer, _MISS) if type(answer) is str else _MISS  # text: its own key
            if value is _MISS:
                value = question.check(answer)
            if value is INVALID:
                return None
            values[qid] = value
        return self._settled(respondent, values, raw)

    def quick_row(self, plan: ColumnPlan, cells: list[str]) -> tuple[str | None, Verdict] | None:
        """`quick` for a CSV row read through a column plan, without building the envelope.
        Each column remembers what its distinct cells mean (but not free text, which rarely
        repeats)."""
        if len(cells) != plan.width:
            return None
        values: dict[str, Any] = {}
        for cell in plan.cells:
            text = cells[cell.index]
            value = cell.memo.get(text, _MISS)
            if value is _MISS:
                question = self.by_id[cell.question]
                answer = cell.value(text)
                value = None if answer is None else question.check(answer)
                if question.remember and len(cell.memo) < _MEMO_LIMIT:
                    cell.memo[text] = value
            if value is None:
                continue
            if value is INVALID:
                return None
            values[cell.question] = value
        respondent = cells[plan.respondent].strip() or None if plan.respondent is not None else None
        return self._settled(respondent, values, plan.questions)

    def _settled(self, respondent: str | None, values: dict[str, Any], given: Any) -> tuple[str | None, Verdict] | None:
        """As `answers.settle` and `validate_answers`: keep the answers to questions shown; a
        shown, required question absent from the input is an error (None); one given empty is
        just not answered. A `when` only names earlier questions, so it is checked against the
        answers minus those of questions hidden before it."""
        hidden: set[str] | None = None
        for question in self.conditional:
            seen = values if hidden is None else {k: v for k, v in values.items() if k not in hidden}
            if not question.when(seen, None):  # type: ignore[misc]
                hidden = hidden or set()
                hidden.add(question.id)
        unanswered = self.required.difference(values)
        if unanswered:
            for qid in unanswered:
                if qid not in given and (hidden is None or qid not in hidden):
                    return None
        if hidden is None:
            return respondent, self._verdict(values, self.scored, self.total_swing)
        values = {k: v for k, v in values.items() if k not in hidden}
        scored = [question for question in self.scored if question.id not in hidden]
        return respondent, self._verdict(values, scored, None)

    # -- verdict ---------------------------------------------------------------------------

    def _verdict(self, values: dict[str, Any], scored: list[_Question], total: float | None) -> Verdict:
        """The verdict of settled answers; `scored` are the scored questions shown, in order."""
        if scored is self.scored:
            ih, hy, out, answered, parts = self.collect(values)
        else:
            ih, hy, out, answered, parts = _collect(values, scored)
            total = reduce(add, [question.swing for question in scored], 0.0)
        scores = {"in_house": ih, "hybrid": hy, "outsourced": out}
        coverage = answered / total if total else 1.0

        recommendation, runner_up, rivals = self._choose(values, scores)
        plan = self._plan(values, recommendation)
        delegated, shared, kept = [], [], []
        for entry, decision in plan:
            if decision is Decision.DELEGATE:
                delegated.append(entry.id)
            elif decision is Decision.SHARE:
                shared.append(entry.id)
            else:
                kept.append(entry.id)
        if rivals:
            open_questions = [question for question, part in zip(scored, parts, strict=True) if part[4]]
            # engine._confidence: the worst-case lead over each rival still allowed, each
            # question's worst leads looked up.
            rec = _INDEX[recommendation]
            best, scale = scores[recommendation], self.scale
            worst = float("inf")
            for rival in rivals:
                other = _INDEX[rival]
                hidden = sum([question.leads[rec][other] for question in open_questions]) if open_questions else 0
                lead = best - scores[rival] + scale * hidden
                if lead < worst:  # min(), which keeps the first of equals
                    worst = lead
            closeness = 0.5 + 0.5 * min(1.0, max(0.0, worst) / self.margin_for_full)
            confidence = round2(coverage * closeness)
        else:
            confidence = round2(coverage)
        return Verdict(
            recommendation,
            (scores["in_house"], scores["hybrid"], scores["outsourced"]),
            round2(scores[recommendation] - scores[runner_up]),
            confidence,
            tuple(delegated),
            tuple(shared),
            tuple(kept),
            self._warnings(values, recommendation, plan),
        )

    def _choose(self, values: dict[str, Any], scores: dict[str, float]) -> tuple[str, str, list[str]]:
        """The recommendation, the runner-up and the rivals, as the engine chooses them."""
        forbidden: dict[str, Any] = {}
        required: list[Any] = []
        decisive = self.decisive
        hits = decisive.test(values, None)
        if True in hits:
            for rule, hit in zip(decisive.rules, hits, strict=True):
                if not hit:
                    continue
                for outcome in rule.forbid:
                    forbidden.setdefault(outcome.value, (rule, None))
                if rule.require is not None:
                    required.append((rule.require.value, rule, None))
        if forbidden or required:
            recommendation, _, rivals = _choose(scores, forbidden, required)
            return recommendation, _runner_up(scores, recommendation, forbidden), rivals
        # What _choose and _runner_up come to when no rule decides: the best score wins (ties
        # by the engine's order), its rivals are the two others, the best of them runs up.
        first, second, _ = sorted([(scores[o], _TIE_RANK[o], o) for o in OUTCOMES], reverse=True)
        return first[2], second[2], _RIVALS[first[2]]

    def _plan(self, values: dict[str, Any], outcome: str) -> list[tuple[_Activity, Decision]]:
        """engine._plan's decisions for one outcome (the reasons are not needed here)."""
        qid = self.activities_question
        chosen = values.get(qid) if qid else None
        if type(chosen) is not list or not chosen:
            return []
        catalog = self.catalog
        picked = sorted(catalog[a] for a in dict.fromkeys(chosen) if a in catalog)
        plan = [(entry, entry.plan[outcome]) for entry in picked]
        rules = self.plan_rules[outcome]
        hits = rules.test(values, outcome)
        if True not in hits:
            return plan
        for rule, hit in zip(rules.rules, hits, strict=True):
            if not hit:
                continue
            for change in rule.set_activities:
                for i, (entry, decision) in enumerate(plan):
                    if not _matches(change, entry.activity, decision):
                        continue
                    if change.decision is Decision.DELEGATE and not entry.activity.can_delegate:
                        continue
                    plan[i] = (entry, change.decision)
        return plan

    @staticmethod
    def _number(values: dict[str, Any], qid: str | None) -> float | None:
        """engine._number_answer."""
        value = values.get(qid) if qid else None
        return float(value) if isinstance(value, _NUMBER) and type(value) is not bool else None

    def _fees(self, values: dict[str, Any], plan: list[tuple[_Activity, Decision]]) -> float:
        """costs.estimate(...).agency_fees_per_month for this plan, the same arithmetic."""
        # What is kept, or paid only at the start, adds nothing to the running fees (the engine
        # adds 0.0 for a kept one: the same sum); x * 1.0 is x.
        fees_run = 0.0
        factor = None
        for entry, decision in plan:
            if decision is Decision.KEEP or entry.startup_only:
                continue
            fee = entry.fee
            if entry.per_unit:
                if factor is None:
                    units = self._number(values, self.units_question)
                    factor = 1.0 + self.extra_unit_share * max(0.0, (units or 1) - 1)  # costs.unit_factor
                fee = fee * factor
            fees_run += fee * self.agency_share if decision is Decision.SHARE else fee
        return round2(fees_run)

    def _warnings(
        self, values: dict[str, Any], recommendation: str, plan: list[tuple[_Activity, Decision]]
    ) -> tuple[str, ...]:
        """engine._warnings' codes: the rules' warnings in order, one per code, then the budget."""
        rules = self.warning_rules[recommendation]
        hits = rules.test(values, recommendation)
        codes = dict.fromkeys([code for code, hit in zip(rules.codes, hits, strict=True) if hit])
        budget_code = self.budget_code
        if budget_code is not None and budget_code not in codes:
            budget = self._number(values, self.budget_question)
            if budget is not None and budget < self._fees(values, plan):
                codes[budget_code] = None
        return tuple(codes)
