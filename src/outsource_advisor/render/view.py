"""The content of a client-ready report, as plain data that the HTML and Markdown templates lay out.

Everything a report says is decided here, once: which sections, in which order, every sentence
and every formatted number. The templates only arrange it, so the two formats cannot drift
apart. Texts here are raw (user text included): each template environment escapes on output.

A report is a list of sections. To add one: write a builder below that returns the section's
body (or None to leave the section out), list it in `_SECTIONS`, add a `report.section.<id>`
title to i18n, and a partial named `<id>` in each template folder (a test checks they exist).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import jinja2

from outsource_advisor.i18n.messages import has_message, message
from outsource_advisor.i18n.wording import (
    answer_label,
    capitalize,
    format_decimal,
    format_hours,
    format_money,
    format_signed,
    outcome_label,
)
from outsource_advisor.model.assessment import Assessment, Contribution
from outsource_advisor.model.questionnaire import NumberQuestion, TextQuestion
from outsource_advisor.model.text import clean, localize
from outsource_advisor.model.vocabulary import OUTCOMES, UNKNOWN
from outsource_advisor.render import Report
from outsource_advisor.render.bodies import (
    AnswerRow,
    AppendixBody,
    Bar,
    CheckItem,
    ContractBody,
    ContractItem,
    CostRow,
    CostsBody,
    PhaseItem,
    PhasesBody,
    PlanBody,
    PlanRow,
    ReadinessBody,
    ReasonItem,
    ReasonsBody,
    RecommendationBody,
    ReportView,
    Section,
    SensitivityBody,
    WarningsBody,
)
from outsource_advisor.render.summary import (
    CHANGES_SHOWN,
    lead,
    main_reasons,
    phase_period,
    robustness_sentence,
    summary_sentence,
)

# The answer contract's free-text name of the company: the report's title when given.
NAME_QUESTION = "company_name"
_STATUS = {True: "met", False: "missing", None: "unknown"}
_PERCENT_ASSUMPTIONS = frozenset({"extra_unit_share", "agency_share_when_shared"})


class _Builder:
    """Builds each section from a report; one method per section."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.a: Assessment = report.assessment
        self.q = report.questionnaire
        self.lang = report.lang

    def t(self, key: str, **fields: str) -> str:
        text = message(key, self.lang)
        return text.format(**fields) if fields else text

    def local(self, text: str | dict[str, str] | None) -> str:
        return localize(text, self.lang, self.q.default_language)

    def label(self, outcome: str) -> str:
        return capitalize(outcome_label(outcome, self.lang))

    def recommendation(self) -> RecommendationBody:
        rec = self.a.recommendation
        bars = [
            Bar(
                label=self.label(o),
                value=max(0.0, min(100.0, self.a.scores[o])),
                shown=format_decimal(self.a.scores[o], self.lang, 1, fixed=True),
                recommended=o == rec,
            )
            for o in OUTCOMES
        ]
        items = ", ".join(
            f"{b.label} {b.shown}" + (f" ({self.t('report.recommended')})" if b.recommended else "") for b in bars
        )
        return RecommendationBody(
            label=self.label(rec),
            means=capitalize(self.t(f"outcome_means.{rec}")) + ".",
            summary=summary_sentence(self.a, self.lang),
            bars=bars,
            chart_title=self.t("heading.scores"),
            chart_desc=self.t("report.chart.desc", items=items),
            how_to_read=self.t("report.how_to_read"),
        )

    def reasons(self) -> ReasonsBody:
        pros, cons = main_reasons(self.a)
        rec, other = self.a.recommendation, self.a.runner_up

        def item(c: Contribution) -> ReasonItem:
            return ReasonItem(c.reason, format_signed(lead(c, self.a), self.lang))

        return ReasonsBody(
            for_title=self.t("heading.reasons_for", outcome=self.t(f"outcome_of.{rec}")),
            pros=[item(c) for c in pros],
            none_for=self.t("report.reasons.none_for", runner_up=outcome_label(other, self.lang)),
            against_title=self.t("heading.reasons_against"),
            cons=[item(c) for c in cons],
            none_against=self.t("report.reasons.none_against"),
            note=self.t(
                "report.reasons.note",
                outcome=outcome_label(rec, self.lang),
                runner_up=outcome_label(other, self.lang),
            ),
        )

    def plan(self) -> PlanBody:
        return PlanBody(
            [
                PlanRow(
                    name=a.name,
                    decision=a.decision,
                    decision_label=capitalize(self.t(f"decision.{a.decision}")),
                    why=" ".join(a.reasons),
                    who=a.who_does_what,
                )
                for a in self.a.activities
            ]
        )

    def contract(self) -> ContractBody:
        handed = [a for a in self.a.activities if a.decision != "keep"]
        items = []
        for exposure in self.q.legal if handed else []:
            if exposure.id in self.q.contract_always:
                concerns = self.t("report.contract.every_activity")
            else:
                concerns = ", ".join(a.name for a in handed if exposure.id in a.legal)
            if concerns:
                items.append(ContractItem(self.local(exposure.name), self.local(exposure.agree), concerns))
        return ContractBody(items)

    def readiness(self) -> ReadinessBody:
        return ReadinessBody(
            [
                CheckItem(c.label, _STATUS[c.met], self.t(f"report.status.{_STATUS[c.met]}"), c.message)
                for c in self.a.readiness
            ]
        )

    def warnings(self) -> WarningsBody:
        return WarningsBody([w.message for w in self.a.warnings])

    def costs(self) -> CostsBody:
        costs, lang = self.a.costs, self.lang
        months = format_decimal(costs.horizon_months, lang)
        rows = []
        for o in OUTCOMES:
            option = costs.options[o]
            at_start = None
            if round(option.agency_fees_per_month_at_start) != round(option.agency_fees_per_month):
                money = format_money(option.agency_fees_per_month_at_start, costs.currency, lang)
                at_start = self.t("report.costs.fees_at_start", value=money)
            rows.append(
                CostRow(
                    label=self.label(o),
                    recommended=o == self.a.recommendation,
                    hours_start=format_hours(option.internal_hours_per_week_at_start, lang),
                    hours_running=format_hours(option.internal_hours_per_week, lang),
                    fees=format_money(option.agency_fees_per_month, costs.currency, lang),
                    fees_at_start=at_start,
                    monthly=self._money(option.monthly_cost),
                    total=self._money(option.total_cost),
                )
            )
        if costs.hourly_cost is None:
            hourly = self.t("costs_in_hours")
        else:
            hourly = self.t("report.costs.hourly", value=format_money(costs.hourly_cost, costs.currency, lang))
        return CostsBody(
            intro=self.t("report.costs.intro", months=months),
            rows=rows,
            has_money=costs.hourly_cost is not None,
            total_title=self.t("report.column.total", months=months),
            notes=[hourly, self.t("report.costs.fineprint")],
            assumptions=[self._assumption(k, v) for k, v in costs.assumptions.items()],
        )

    def sensitivity(self) -> SensitivityBody | None:
        """Only when decision support was run (assess runs it; a batch report may not)."""
        changes, robustness = self.a.what_would_change, self.a.robustness
        if changes is None or robustness is None:
            return None
        extra = len(changes) - CHANGES_SHOWN
        return SensitivityBody(
            robustness=robustness_sentence(self.a, self.lang),
            changes=[c.message for c in changes[:CHANGES_SHOWN]],
            none=self.t("nothing_would_change"),
            more=self.t("report.sensitivity.more", count=str(extra)) if extra > 0 else "",
        )

    def phases(self) -> PhasesBody | None:
        if not self.a.phases:
            return None
        items = []
        for p in self.a.phases:
            items.append(
                PhaseItem(
                    period=phase_period(p.from_month, p.to_month, self.lang),
                    title=p.title,
                    text=p.text,
                    handed_over=self.t("phase.delegate", names=", ".join(p.delegate)) if p.delegate else "",
                    shared=self.t("phase.share", names=", ".join(p.share)) if p.share else "",
                )
            )
        return PhasesBody(items)

    def _money(self, value: float | None) -> str | None:
        return None if value is None else format_money(value, self.a.costs.currency, self.lang)

    def _assumption(self, key: str, value: float) -> str:
        """One cost assumption in words; one the program has no words for is shown as it is."""
        if not has_message(f"report.assumption.{key}"):
            return f"{key}: {format_decimal(value, self.lang)}"
        text = message(f"report.assumption.{key}", self.lang)
        if key in _PERCENT_ASSUMPTIONS:
            return text.format(percent=format_decimal(value * 100, self.lang, 0))
        return text.format(value=format_decimal(value, self.lang))

    def appendix(self) -> AppendixBody:
        answers = self.report.answers
        notes = answers.notes
        rows = []
        for qid, question in self.q.questions.items():
            if qid not in answers.values and qid not in notes:
                continue
            rows.append(AnswerRow(self.local(question.text), self._answer(qid), notes.get(qid, "")))
        other = [(k, v) for k, v in notes.items() if k != "general" and k not in self.q.questions]
        return AppendixBody(
            rows=rows,
            general_note=notes.get("general", ""),
            other_notes=other,
            ignored=list(answers.ignored),
            facts=self._facts(),
        )

    def _answer(self, qid: str) -> str:
        """An answer as the appendix shows it: a number with its unit; free text exactly as given."""
        values = self.report.answers.values
        if qid not in values:
            return ""
        question, value = self.q.questions[qid], values[qid]
        shown = answer_label(self.q, qid, value, self.lang)
        if isinstance(question, TextQuestion):
            return shown
        # "1 hours a week" reads wrong, and the question already names the unit.
        if isinstance(question, NumberQuestion) and value not in (UNKNOWN, 1) and question.unit is not None:
            shown += " " + self.local(question.unit)
        return capitalize(shown)

    def _facts(self) -> list[tuple[str, str]]:
        """What it takes to reproduce the report: questionnaire and program versions, date, language."""
        version = self.t("report.appendix.version", version=self.a.questionnaire.version)
        questionnaire = f"{self.a.questionnaire.id}, {version}"
        written_for = self.report.answers.questionnaire_version
        if written_for is not None and written_for != self.a.questionnaire.version:
            questionnaire += "; " + self.t("report.appendix.answers_version", version=written_for)
        facts = [
            (self.t("report.appendix.questionnaire"), questionnaire),
            (self.t("report.appendix.program"), f"outsource-advisor {self.a.program_version}"),
        ]
        facts += _who_and_when(self.report)
        facts.append((self.t("report.appendix.language"), self.lang))
        return facts


def _who_and_when(report: Report) -> list[tuple[str, str]]:
    """Date, interviewer and respondent, where known."""
    answers, lang = report.answers, report.lang
    date = answers.date or report.date
    pairs = [
        ("report.meta.date", date),
        ("report.meta.interviewer", answers.interviewer),
        ("report.meta.respondent", answers.respondent),
    ]
    return [(message(key, lang), value) for key, value in pairs if value]


_SECTIONS: list[tuple[str, Callable[[_Builder], object | None]]] = [
    ("recommendation", _Builder.recommendation),
    ("reasons", _Builder.reasons),
    ("plan", _Builder.plan),
    ("contract", _Builder.contract),
    ("readiness", _Builder.readiness),
    ("warnings", _Builder.warnings),
    ("costs", _Builder.costs),
    ("sensitivity", _Builder.sensitivity),
    ("phases", _Builder.phases),
    ("appendix", _Builder.appendix),
]
SECTION_IDS = tuple(section_id for section_id, _ in _SECTIONS)
_UNNUMBERED = frozenset({"appendix"})


@cache
def _environment(autoescape: bool, finalize: Callable[[Any], Any]) -> jinja2.Environment:
    """Built once per kind of output: a batch renders many reports with the same compiled templates."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("outsource_advisor.render", "templates"),
        autoescape=autoescape,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_template(
    name: str, report: Report, *, autoescape: bool, finalize: Callable[[Any], Any], **extra: Any
) -> str:
    """A report template filled with the report's view and `t`, the report labels in its language."""
    return (
        _environment(autoescape, finalize)
        .get_template(name)
        .render(view=build_view(report), t=lambda key, **fields: message(key, report.lang).format(**fields), **extra)
    )


def build_view(report: Report) -> ReportView:
    """The report's content, section by section, in the order the client reads it."""
    builder = _Builder(report)
    sections: list[Section] = []
    for section_id, build in _SECTIONS:
        body = build(builder)
        if body is None:
            continue
        number = "" if section_id in _UNNUMBERED else str(len(sections) + 1)
        sections.append(Section(section_id, number, message(f"report.section.{section_id}", report.lang), body))
    name = report.answers.values.get(NAME_QUESTION)
    title = clean(name).strip() if isinstance(name, str) else ""
    title = title or clean(report.answers.respondent or "").strip() or message("report.untitled", report.lang)
    # The respondent is often the company itself: no need to say the title twice.
    respondent = message("report.meta.respondent", report.lang)
    meta = [(k, v) for k, v in _who_and_when(report) if not (k == respondent and v == title)]
    program = f"outsource-advisor {report.assessment.program_version}"
    return ReportView(
        lang=report.lang,
        eyebrow=localize(report.questionnaire.title, report.lang, report.questionnaire.default_language),
        title=title,
        meta=meta,
        sections=sections,
        footer=message("report.footer", report.lang).format(program=program),
    )
