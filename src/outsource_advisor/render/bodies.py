"""The content of each part of a client-ready report, as plain frozen data.

`render/view.py` builds it from a `Report`; the HTML and Markdown templates lay it out. Texts
are final (localized, numbers formatted) and raw: escaping is the template environment's job.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    shown: str
    recommended: bool


@dataclass(frozen=True, slots=True)
class RecommendationBody:
    label: str
    means: str
    summary: str
    bars: list[Bar]
    chart_title: str
    chart_desc: str
    how_to_read: str


@dataclass(frozen=True, slots=True)
class ReasonItem:
    text: str
    points: str


@dataclass(frozen=True, slots=True)
class ReasonsBody:
    for_title: str
    pros: list[ReasonItem]
    none_for: str
    against_title: str
    cons: list[ReasonItem]
    none_against: str
    note: str


@dataclass(frozen=True, slots=True)
class PlanRow:
    name: str
    decision: str
    decision_label: str
    why: str
    who: str


@dataclass(frozen=True, slots=True)
class PlanBody:
    rows: list[PlanRow]


@dataclass(frozen=True, slots=True)
class ContractItem:
    name: str
    agree: str
    concerns: str


@dataclass(frozen=True, slots=True)
class ContractBody:
    items: list[ContractItem]


@dataclass(frozen=True, slots=True)
class CheckItem:
    label: str
    status: str
    status_label: str
    message: str


@dataclass(frozen=True, slots=True)
class ReadinessBody:
    items: list[CheckItem]


@dataclass(frozen=True, slots=True)
class WarningsBody:
    items: list[str]


@dataclass(frozen=True, slots=True)
class CostRow:
    label: str
    recommended: bool
    hours_start: str
    hours_running: str
    fees: str
    fees_at_start: str | None
    monthly: str | None
    total: str | None


@dataclass(frozen=True, slots=True)
class CostsBody:
    intro: str
    rows: list[CostRow]
    has_money: bool
    total_title: str
    notes: list[str]
    assumptions: list[str]


@dataclass(frozen=True, slots=True)
class SensitivityBody:
    """How sure the recommendation is, and the cheapest changes of answer that would change it."""

    robustness: str
    changes: list[str]
    none: str
    more: str


@dataclass(frozen=True, slots=True)
class PhaseItem:
    period: str
    title: str
    text: str
    handed_over: str
    shared: str


@dataclass(frozen=True, slots=True)
class PhasesBody:
    items: list[PhaseItem]


@dataclass(frozen=True, slots=True)
class AnswerRow:
    question: str
    answer: str
    note: str


@dataclass(frozen=True, slots=True)
class AppendixBody:
    rows: list[AnswerRow]
    general_note: str
    other_notes: list[tuple[str, str]]
    ignored: list[str]
    facts: list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Section:
    """One part of the report; `id` names the partial template that lays out `body`."""

    id: str
    number: str
    title: str
    body: object


@dataclass(frozen=True, slots=True)
class ReportView:
    lang: str
    eyebrow: str
    title: str
    meta: list[tuple[str, str]]
    sections: list[Section]
    footer: str
