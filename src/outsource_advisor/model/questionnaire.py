"""The questionnaire format: questions, and the scoring model that lives beside them.

Everything domain-specific (points, rules, activities, costs, texts) is data in the YAML file,
so a questionnaire for another make-or-buy decision needs no code. Loading checks every
cross-reference and reports all problems at once, each with its place in the file.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from outsource_advisor.errors import InputError, Loc, Problem
from outsource_advisor.model.conditions import Condition, Scalar
from outsource_advisor.model.text import Text
from outsource_advisor.model.vocabulary import OUTCOMES, UNKNOWN, Decision, Outcome, is_number

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


class Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Points(Frozen):
    """Points an answer gives each outcome: positive = a better fit."""

    in_house: float = 0.0
    hybrid: float = 0.0
    outsourced: float = 0.0

    def as_tuple(self) -> tuple[float, float, float]:
        return (self.in_house, self.hybrid, self.outsourced)


class Scoring(Frozen):
    points: Points
    reason: Text


class Option(Frozen):
    value: Slug
    label: Text
    help: Text | None = None
    points: Points | None = None
    reason: Text | None = None


class Band(Frozen):
    """Numbers from `min` (included) up to `below` (excluded; open when absent)."""

    min: float
    below: float | None = None
    points: Points
    reason: Text


class CurvePoint(Frozen):
    """A point of a piecewise-linear curve; `reason` explains values from here to the next."""

    at: float
    points: Points
    reason: Text


class _QuestionBase(Frozen):
    id: Slug
    text: Text
    help: Text
    # A short name for sentences like "with 8 or more <label>"; the text is used when absent.
    label: Text | None = None
    required: bool = True
    when: Condition | None = None
    # False for a fact that cannot be changed (history): never suggested as "what would change".
    changeable: bool = True


class SingleChoice(_QuestionBase):
    type: Literal["single_choice"]
    options: list[Option] = Field(min_length=1)


class MultiChoice(_QuestionBase):
    type: Literal["multi_choice"]
    options: list[Option] = []
    options_from: Literal["activities"] | None = None
    min_selected: int = Field(default=0, ge=0)
    max_selected: int | None = Field(default=None, ge=1)


class NumberQuestion(_QuestionBase):
    type: Literal["number"]
    min: float | None = None
    max: float | None = None
    integer: bool = False
    unit: Text | None = None
    bands: list[Band] | None = None
    curve: list[CurvePoint] | None = None


class BooleanQuestion(_QuestionBase):
    type: Literal["boolean"]
    if_yes: Scoring | None = None
    if_no: Scoring | None = None


class TextQuestion(_QuestionBase):
    type: Literal["text"]
    max_length: int = Field(default=500, ge=1, le=100_000)


Question = Annotated[
    SingleChoice | MultiChoice | NumberQuestion | BooleanQuestion | TextQuestion,
    Field(discriminator="type"),
]
QUESTION_TYPES = frozenset({"single_choice", "multi_choice", "number", "boolean", "text"})


class Section(Frozen):
    id: Slug
    title: Text
    description: Text = ""
    questions: list[Question] = Field(min_length=1)


class PlanEntry(Frozen):
    decision: Decision
    reason: Text


class Activity(Frozen):
    """An activity that can be kept, shared or delegated, with what guides that choice."""

    id: Slug
    name: Text
    description: Text = ""
    skill: Literal["general", "specialised"]
    voice: Literal["low", "medium", "high"]
    legal: list[str] = []
    can_delegate: bool = True
    plan: dict[Outcome, PlanEntry]
    split: Text
    company_keeps: Text | None = None
    hours_per_week: float = Field(ge=0)
    per_unit: bool = False
    agency_fee_per_month: float = Field(ge=0)
    startup_only: bool = False


class LegalExposure(Frozen):
    id: Slug
    name: Text
    agree: Text


class WarningSpec(Frozen):
    code: Slug
    message: Text


class ActivityChange(Frozen):
    """Change the decision of the chosen activities that match every given selector."""

    activities: list[str] | None = None
    skill: list[Literal["general", "specialised"]] | None = None
    voice: list[Literal["low", "medium", "high"]] | None = None
    only_if: list[Decision] | None = None
    decision: Decision
    reason: Text


class Rule(Frozen):
    model_config = ConfigDict(populate_by_name=True)

    id: Slug
    if_: Condition = Field(alias="if")
    reason: Text | None = None
    forbid: list[Outcome] = []
    require: Outcome | None = None
    warn: WarningSpec | None = None
    set_activities: list[ActivityChange] = []


class ReadinessItem(Frozen):
    id: Slug
    label: Text
    question: str
    met_if: list[Scalar] = Field(min_length=1)
    only_if_delegating: bool = False
    met: Text
    missing: Text
    unknown: Text
    not_needed: Text | None = None


class CostInputs(Frozen):
    """Which questions feed the cost estimate (all optional: a missing one means a default)."""

    horizon_months: str | None = None
    hourly_cost: str | None = None
    units: str | None = None
    budget: str | None = None


class ActivityCostOverride(Frozen):
    hours_per_week: float | None = Field(default=None, ge=0)
    agency_fee_per_month: float | None = Field(default=None, ge=0)
    per_unit: bool | None = None
    startup_only: bool | None = None


class CostOverrides(Frozen):
    """Cost assumptions an answers file replaces for its own estimate (`assumptions:`)."""

    weeks_per_month: float | None = Field(default=None, gt=0)
    startup_months: int | None = Field(default=None, ge=0)
    startup_multiplier: float | None = Field(default=None, ge=1)
    alignment_hours_per_week: float | None = Field(default=None, gt=0)
    alignment_hours_per_activity: float | None = Field(default=None, ge=0)
    extra_unit_share: float | None = Field(default=None, ge=0)
    agency_share_when_shared: float | None = Field(default=None, ge=0, le=1)
    activities: dict[str, ActivityCostOverride] = {}


class CostModel(Frozen):
    """Assumptions behind the cost estimate; every one is listed in the output."""

    inputs: CostInputs = CostInputs()
    default_horizon_months: int = Field(default=12, ge=1)
    weeks_per_month: float = Field(default=4.33, gt=0)
    startup_months: int = Field(default=3, ge=0)
    startup_multiplier: float = Field(default=2.0, ge=1)
    alignment_hours_per_week: float = Field(default=1.0, gt=0)
    alignment_hours_per_activity: float = Field(default=0.25, ge=0)
    extra_unit_share: float = Field(default=0.5, ge=0)
    agency_share_when_shared: float = Field(default=0.5, ge=0, le=1)
    budget_warning: WarningSpec | None = None


class PhaseStep(Frozen):
    """One period of a phased plan: its length, whose activity plan applies, and what happens.

    The length is `months`, or the answer to the number question `months_from`; a step with
    neither lasts to the end (only the last). `outcome: recommended` means the recommendation;
    no outcome means a step without an activity plan (a review).
    """

    months: float | None = Field(default=None, gt=0)
    months_from: str | None = None
    outcome: Outcome | Literal["recommended"] | None = None
    title: Text
    text: Text


class PhasePath(Frozen):
    model_config = ConfigDict(populate_by_name=True)

    id: Slug
    if_: Condition = Field(alias="if")
    steps: list[PhaseStep] = Field(min_length=1)


class ConfidenceModel(Frozen):
    margin_for_full: float = Field(default=10.0, gt=0)


class Questionnaire(Frozen):
    id: Slug
    version: str
    languages: list[LangCode] = Field(default=["en"], min_length=1)
    title: Text
    description: Text = ""
    currency: str = "EUR"
    sections: list[Section] = Field(min_length=1)
    activities: list[Activity] = []
    legal: list[LegalExposure] = []
    contract_always: list[str] = []
    rules: list[Rule] = []
    readiness: list[ReadinessItem] = []
    phases: list[PhasePath] = []
    costs: CostModel = CostModel()
    confidence: ConfidenceModel = ConfidenceModel()

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @cached_property
    def questions(self) -> dict[str, Question]:
        """Every question by id, in the order they are asked."""
        return {q.id: q for s in self.sections for q in s.questions}

    @cached_property
    def activity_index(self) -> dict[str, Activity]:
        return {a.id: a for a in self.activities}

    @cached_property
    def activities_question(self) -> str | None:
        """The id of the multiple-choice question whose options are the activity catalog."""
        for q in self.questions.values():
            if isinstance(q, MultiChoice) and q.options_from == "activities":
                return q.id
        return None

    def options_of(self, question: Question) -> list[Option]:
        if isinstance(question, MultiChoice) and question.options_from == "activities":
            return [Option(value=a.id, label=a.name, help=a.description or None) for a in self.activities]
        if isinstance(question, SingleChoice | MultiChoice):
            return list(question.options)
        return []

    @model_validator(mode="after")
    def _check_references(self) -> Questionnaire:
        problems = _ReferenceChecker(self).run()
        if problems:
            # Not a ValueError: pydantic lets it through, with every problem and its place.
            raise InputError(problems)
        return self


def is_scored(question: Question) -> bool:
    if isinstance(question, SingleChoice | MultiChoice):
        return any(o.points is not None for o in question.options)
    if isinstance(question, NumberQuestion):
        return bool(question.bands or question.curve)
    if isinstance(question, BooleanQuestion):
        return question.if_yes is not None or question.if_no is not None
    return False


def accepts_unknown(question: Question) -> bool:
    """Every question but free text accepts the explicit answer `unknown`."""
    return not isinstance(question, TextQuestion)


class _ReferenceChecker:
    """Checks that every name used in the file refers to something defined, and defined before."""

    def __init__(self, q: Questionnaire) -> None:
        self.q = q
        self.problems: list[Problem] = []
        self.asked_before: dict[str, int] = {}
        self.locs: dict[str, Loc] = {}

    def fail(self, loc: Loc, message: str) -> None:
        self.problems.append(Problem(message, loc=loc))

    def run(self) -> list[Problem]:
        self._questions()
        self._activities()
        self._rules()
        self._readiness()
        self._cost_inputs()
        self._phases()
        return self.problems

    def _phases(self) -> None:
        for pi, path in enumerate(self.q.phases):
            loc: Loc = ("phases", pi)
            self._condition(path.if_, loc + ("if",), before=None, outcome_ok=True)
            for si, step in enumerate(path.steps):
                open_ended = step.months is None and step.months_from is None
                if open_ended and si != len(path.steps) - 1:
                    self.fail(loc + ("steps", si), "only the last step may last to the end")
                if step.months is not None and step.months_from is not None:
                    self.fail(loc + ("steps", si), "give either months or months_from, not both")
                if step.months_from is not None:
                    question = self.q.questions.get(step.months_from)
                    if not isinstance(question, NumberQuestion):
                        self.fail(loc + ("steps", si, "months_from"), f"{step.months_from!r} is not a number question")

    def _cost_inputs(self) -> None:
        for name, qid in self.q.costs.inputs:
            if qid is None:
                continue
            question = self.q.questions.get(qid)
            if question is None:
                self.fail(("costs", "inputs", name), f"names unknown question {qid!r}")
            elif not isinstance(question, NumberQuestion):
                self.fail(("costs", "inputs", name), f"question {qid!r} must be a number question")

    def _questions(self) -> None:
        sections: set[str] = set()
        order = 0
        for si, section in enumerate(self.q.sections):
            if section.id in sections:
                self.fail(("sections", si, "id"), f"section id {section.id!r} is used twice")
            sections.add(section.id)
            for qi, question in enumerate(section.questions):
                loc: Loc = ("sections", si, "questions", qi)
                if question.id in self.asked_before:
                    self.fail(loc + ("id",), f"question id {question.id!r} is used twice")
                if question.when is not None:
                    self._condition(question.when, loc + ("when",), before=order, outcome_ok=False)
                self._question(question, loc)
                self.asked_before[question.id] = order
                self.locs[question.id] = loc
                order += 1

    def _question(self, question: Question, loc: Loc) -> None:
        if isinstance(question, SingleChoice | MultiChoice):
            seen: set[str] = set()
            for oi, option in enumerate(question.options):
                if option.value == UNKNOWN:
                    self.fail(loc + ("options", oi, "value"), "'unknown' is reserved for 'don't know'")
                if option.value in seen:
                    self.fail(loc + ("options", oi, "value"), f"option {option.value!r} is listed twice")
                seen.add(option.value)
                if option.points is not None and option.reason is None:
                    self.fail(loc + ("options", oi), "an option with points needs a reason")
        if isinstance(question, MultiChoice):
            if question.options_from and question.options:
                self.fail(loc, "give either options or options_from, not both")
            if question.options_from and not self.q.activities:
                self.fail(loc + ("options_from",), "options_from: activities needs an activity catalog")
            if not question.options_from and not question.options:
                self.fail(loc, "a multiple-choice question needs options or options_from")
        if isinstance(question, NumberQuestion):
            self._number(question, loc)

    def _number(self, question: NumberQuestion, loc: Loc) -> None:
        lo, hi = question.min, question.max
        if lo is not None and hi is not None and lo > hi:
            self.fail(loc + ("max",), f"max ({hi:g}) is below min ({lo:g})")
        if question.bands and question.curve:
            self.fail(loc, "give either bands or a curve, not both")
        for key, xs in (
            ("bands", [b.min for b in question.bands or []]),
            ("curve", [c.at for c in question.curve or []]),
        ):
            for i, x in enumerate(xs):
                if (lo is not None and x < lo) or (hi is not None and x > hi):
                    self.fail(loc + (key, i), f"{x:g} is outside the question's range")
                if i and x <= xs[i - 1]:
                    self.fail(loc + (key, i), "must be in increasing order")
        for i, band in enumerate(question.bands or []):
            if band.below is not None and band.below <= band.min:
                self.fail(loc + ("bands", i, "below"), "must be greater than min")

    def _condition(self, cond: Condition, loc: Loc, *, before: int | None, outcome_ok: bool) -> None:
        for part in cond.walk():
            if part.outcome is not None and not outcome_ok:
                self.fail(loc, "a condition here cannot depend on the outcome")
            if part.question is None:
                continue
            asked = self.asked_before.get(part.question)
            if part.question not in self.q.questions:
                self.fail(loc, f"names unknown question {part.question!r}")
                continue
            if before is not None and (asked is None or asked >= before):
                self.fail(loc, f"question {part.question!r} must be asked before this one")
            self._comparators(part, self.q.questions[part.question], loc)

    def _comparators(self, cond: Condition, question: Question, loc: Loc) -> None:
        qid = question.id
        values = [v for v in ([cond.equals] if cond.equals is not None else []) + (cond.in_ or [])]
        numeric = {"at_least", "at_most", "above", "below"} & set(cond.comparators())
        if numeric and not isinstance(question, NumberQuestion):
            self.fail(loc, f"{sorted(numeric)[0]} needs a number question; {qid!r} is not one")
        if cond.includes is not None:
            if not isinstance(question, MultiChoice):
                self.fail(loc, f"includes needs a multiple-choice question; {qid!r} is not one")
            elif cond.includes not in {o.value for o in self.q.options_of(question)}:
                self.fail(loc, f"question {qid!r} has no option {cond.includes!r}")
        if isinstance(question, SingleChoice):
            allowed = {o.value for o in question.options}
            for v in values:
                if v not in allowed:
                    self.fail(loc, f"question {qid!r} has no option {v!r}; it has: {', '.join(sorted(allowed))}")
        elif isinstance(question, BooleanQuestion):
            if any(not isinstance(v, bool) for v in values):
                self.fail(loc, f"question {qid!r} is yes/no: compare it with true or false")
        elif isinstance(question, NumberQuestion):
            if not all(is_number(v) for v in values):
                self.fail(loc, f"question {qid!r} is a number: compare it with numbers")
        elif values:
            self.fail(loc, f"question {qid!r} cannot be compared with equals/in")

    def _activities(self) -> None:
        legal = {e.id for e in self.q.legal}
        seen: set[str] = set()
        for ai, activity in enumerate(self.q.activities):
            loc: Loc = ("activities", ai)
            if activity.id in seen:
                self.fail(loc + ("id",), f"activity {activity.id!r} is listed twice")
            seen.add(activity.id)
            for li, exposure in enumerate(activity.legal):
                if exposure not in legal:
                    self.fail(loc + ("legal", li), f"names unknown legal exposure {exposure!r}")
            missing = [o for o in OUTCOMES if o not in activity.plan]
            if missing:
                self.fail(loc + ("plan",), f"needs a plan entry for {', '.join(missing)}")
            if not activity.can_delegate:
                for outcome, entry in activity.plan.items():
                    if entry.decision is Decision.DELEGATE:
                        self.fail(loc + ("plan", outcome.value), "this activity cannot be delegated")
        for i, exposure in enumerate(self.q.contract_always):
            if exposure not in legal:
                self.fail(("contract_always", i), f"names unknown legal exposure {exposure!r}")
        if self.q.activities and self.q.activities_question is None:
            self.fail(("activities",), "no question offers the activities (options_from: activities)")

    def _rules(self) -> None:
        ids: set[str] = set()
        for ri, rule in enumerate(self.q.rules):
            loc: Loc = ("rules", ri)
            if rule.id in ids:
                self.fail(loc + ("id",), f"rule id {rule.id!r} is used twice")
            ids.add(rule.id)
            decides = bool(rule.forbid) or rule.require is not None
            self._condition(rule.if_, loc + ("if",), before=None, outcome_ok=not decides)
            if decides and rule.reason is None:
                self.fail(loc, "a rule that forbids or requires an outcome needs a reason")
            if not (decides or rule.warn or rule.set_activities):
                self.fail(loc, "a rule needs an effect: forbid, require, warn or set_activities")
            for ci, change in enumerate(rule.set_activities):
                for ai, activity in enumerate(change.activities or []):
                    if activity not in self.q.activity_index:
                        self.fail(
                            loc + ("set_activities", ci, "activities", ai),
                            f"names unknown activity {activity!r}",
                        )

    def _readiness(self) -> None:
        for ri, item in enumerate(self.q.readiness):
            loc: Loc = ("readiness", ri)
            question = self.q.questions.get(item.question)
            if question is None:
                self.fail(loc + ("question",), f"names unknown question {item.question!r}")
            else:
                cond = Condition.model_validate({"question": item.question, "in": item.met_if})
                self._comparators(cond, question, loc + ("met_if",))
            if item.only_if_delegating and item.not_needed is None:
                self.fail(loc, "an item that applies only when delegating needs a not_needed text")
