"""The result of scoring one set of answers.

Plain frozen dataclasses: cheap to build for every response of a large batch. pydantic reads
them back from JSON (`compare` of two saved results) through a TypeAdapter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from outsource_advisor.model.vocabulary import Decision, Outcome

Scores = dict[str, float]


@dataclass(frozen=True, slots=True)
class Contribution:
    """What one answer gave each outcome, and why, in one sentence."""

    question: str | None
    answer: Any
    points: Scores
    reason: str


@dataclass(frozen=True, slots=True)
class ActivityPlan:
    id: str
    name: str
    decision: Decision
    reasons: list[str]
    who_does_what: str
    legal: list[str]


@dataclass(frozen=True, slots=True)
class ReadinessCheck:
    id: str
    label: str
    met: bool | None
    message: str


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class DecidedBy:
    """The rule that set the recommendation against the scores, and its reason."""

    rule: str
    reason: str


@dataclass(frozen=True, slots=True)
class OptionCost:
    """What one outcome would cost: internal hours, agency fees, and money where known."""

    internal_hours_per_week: float
    internal_hours_per_week_at_start: float
    agency_fees_per_month: float
    agency_fees_per_month_at_start: float
    monthly_cost: float | None
    total_hours: float
    total_cost: float | None


@dataclass(frozen=True, slots=True)
class ActivityCost:
    """The cost assumptions for one activity, as used (after any override)."""

    hours_per_week: float
    agency_fee_per_month: float
    per_unit: bool
    startup_only: bool


@dataclass(frozen=True, slots=True)
class Costs:
    currency: str
    horizon_months: float
    hourly_cost: float | None
    options: dict[Outcome, OptionCost]
    assumptions: dict[str, float]
    activities: dict[str, ActivityCost]
    overridden: list[str]


@dataclass(frozen=True, slots=True)
class Phase:
    """One period of a phased plan; `to_month` None means from then on."""

    from_month: int
    to_month: int | None
    outcome: Outcome | None
    title: str
    text: str
    delegate: list[str]
    share: list[str]


@dataclass(frozen=True, slots=True)
class Change:
    """The nearest different answer to one question that changes the recommendation."""

    question: str
    answer: Any
    to: Any
    direction: str | None
    becomes: Outcome
    distance: float
    message: str


@dataclass(frozen=True, slots=True)
class Robustness:
    """The share of runs, with every weight perturbed, that keep the recommendation."""

    runs: int
    perturbation: float
    seed: int
    kept: float
    label: str


@dataclass(frozen=True, slots=True)
class QuestionnaireRef:
    id: str
    version: str


@dataclass(frozen=True, slots=True)
class Assessment:
    questionnaire: QuestionnaireRef
    program_version: str
    respondent: str | None
    recommendation: Outcome
    scores: Scores
    runner_up: Outcome
    margin: float
    confidence: float
    decided_by: DecidedBy | None
    contributions: list[Contribution]
    activities: list[ActivityPlan]
    readiness: list[ReadinessCheck]
    warnings: list[Warning]
    costs: Costs
    phases: list[Phase]
    answers: dict[str, Any]
    what_would_change: list[Change] | None = None
    robustness: Robustness | None = None

    @property
    def warning_codes(self) -> list[str]:
        return [w.code for w in self.warnings]

    def decided(self, decision: Decision) -> list[str]:
        return [a.id for a in self.activities if a.decision == decision]
