"""The assessment as a terminal report (a rich renderable; the CLI prints it).

User text (names, answers) goes through `Text`, never through markup, and loses its control
characters: a company called `[red]x` or one with an ANSI escape prints literally.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from outsource_advisor.engine.compare import Comparison
from outsource_advisor.i18n.messages import message
from outsource_advisor.i18n.wording import format_decimal, format_hours, format_money, format_signed, outcome_label
from outsource_advisor.model.assessment import Assessment, Contribution
from outsource_advisor.model.text import clean
from outsource_advisor.model.vocabulary import OUTCOMES
from outsource_advisor.render import Report
from outsource_advisor.render.summary import (
    CHANGES_SHOWN,
    lead,
    main_reasons,
    phase_period,
    robustness_sentence,
    summary_sentence,
)

_BAR_WIDTH = 40
_DECISION_STYLE = {"keep": "green", "share": "yellow", "delegate": "cyan"}
_MET_MARK = {True: ("✔", "green"), False: ("✘", "red"), None: ("?", "yellow")}


def _header(assessment: Assessment, lang: str) -> Panel:
    rec = assessment.recommendation
    title = Text(outcome_label(rec, lang).upper(), style="bold")
    title.append(" — " + message(f"outcome_means.{rec}", lang), style="bold")
    body = Group(title, Text(summary_sentence(assessment, lang)))
    name = clean(assessment.respondent or "")
    heading = message("heading.recommendation", lang) + (f": {name}" if name else "")
    return Panel(body, title=Text(heading), title_align="left", box=box.ROUNDED)


def _scores(assessment: Assessment, lang: str) -> Table:
    table = Table.grid(padding=(0, 1))
    for outcome in OUTCOMES:
        value = assessment.scores[outcome]
        filled = round(value / 100 * _BAR_WIDTH)
        bar = Text("█" * filled, style="cyan" if outcome == assessment.recommendation else "dim")
        bar.append("░" * (_BAR_WIDTH - filled), style="dim")
        mark = " ◀" if outcome == assessment.recommendation else ""
        shown = format_decimal(value, lang, 1, fixed=True).rjust(5)
        table.add_row(Text(outcome_label(outcome, lang)), Text(shown), bar, Text(mark))
    return table


def _reason_rows(items: list[Contribution], assessment: Assessment, lang: str) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True)
    table.add_column()
    for c in items:
        table.add_row(Text(format_signed(lead(c, assessment), lang)), Text(clean(c.reason)))
    return table


def _plan(assessment: Assessment, lang: str) -> RenderableType:
    if not assessment.activities:
        return Text(message("no_activities", lang))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, expand=True)
    table.add_column(message("column.activity", lang), ratio=3)
    table.add_column(message("column.decision", lang), no_wrap=True)
    table.add_column(message("column.who", lang), ratio=5)
    for a in assessment.activities:
        decision = Text(message(f"decision.{a.decision}", lang), style=_DECISION_STYLE[a.decision])
        table.add_row(Text(a.name), decision, Text(a.who_does_what + "\n" + " ".join(a.reasons), style=""))
    return table


def _readiness(assessment: Assessment) -> Table:
    table = Table.grid(padding=(0, 1))
    for check in assessment.readiness:
        mark, style = _MET_MARK[check.met]
        line = Text(check.label, style="bold")
        line.append(": " + check.message, style="")
        table.add_row(Text(mark, style=style), line)
    return table


def _warnings(assessment: Assessment, lang: str) -> RenderableType:
    if not assessment.warnings:
        return Text(message("no_warnings", lang))
    table = Table.grid(padding=(0, 1))
    for w in assessment.warnings:
        line = Text(w.code, style="bold yellow")
        line.append(": " + w.message)
        table.add_row(Text("⚠", style="yellow"), line)
    return table


def _costs(assessment: Assessment, lang: str) -> RenderableType:
    costs = assessment.costs
    table = Table(box=box.SIMPLE_HEAD, show_edge=False)
    table.add_column(message("column.option", lang))
    table.add_column(message("column.hours", lang), justify="right")
    table.add_column(message("column.fees", lang), justify="right")
    if costs.hourly_cost is not None:
        table.add_column(message("column.monthly", lang), justify="right")
        months = format_decimal(costs.horizon_months, lang)
        table.add_column(message("column.total", lang).format(months=months), justify="right")
    for outcome in OUTCOMES:
        option = costs.options[outcome]
        hours = f"{format_hours(option.internal_hours_per_week, lang)} "
        hours += f"({format_hours(option.internal_hours_per_week_at_start, lang)})"
        row = [
            Text(outcome_label(outcome, lang), style="bold" if outcome == assessment.recommendation else ""),
            Text(hours),
            Text(format_money(option.agency_fees_per_month, costs.currency, lang)),
        ]
        if option.monthly_cost is not None and option.total_cost is not None:
            row.append(Text(format_money(option.monthly_cost, costs.currency, lang)))
            row.append(Text(format_money(option.total_cost, costs.currency, lang)))
        table.add_row(*row)
    if costs.hourly_cost is None:
        return Group(table, Text(message("costs_in_hours", lang), style="dim"))
    return table


def _phases(assessment: Assessment, lang: str) -> RenderableType:
    table = Table.grid(padding=(0, 1))
    for phase in assessment.phases:
        lines = Text(phase.title, style="bold")
        lines.append("\n" + phase.text)
        for key, names in (("phase.delegate", phase.delegate), ("phase.share", phase.share)):
            if names:
                lines.append("\n" + message(key, lang).format(names=", ".join(names)), style="dim")
        table.add_row(Text(phase_period(phase.from_month, phase.to_month, lang), style="cyan"), lines)
    return table


def _what_would_change(assessment: Assessment, lang: str) -> RenderableType:
    changes = (assessment.what_would_change or [])[:CHANGES_SHOWN]
    if not changes:
        return Text(message("nothing_would_change", lang))
    table = Table.grid(padding=(0, 1))
    for change in changes:
        table.add_row(Text("→", style="cyan"), Text(change.message))
    return table


def _robustness(assessment: Assessment, lang: str) -> Text:
    assert assessment.robustness is not None
    return Text(robustness_sentence(assessment, lang))


def _heading(text: str) -> Text:
    return Text("\n" + text, style="bold underline")


def render_terminal(assessment: Assessment, lang: str = "en") -> RenderableType:
    """The whole report: recommendation first, then scores, reasons, plan, readiness, warnings, costs."""
    pros, cons = main_reasons(assessment)
    outcome_of = message(f"outcome_of.{assessment.recommendation}", lang)
    parts: list[RenderableType] = [
        _header(assessment, lang),
        _heading(message("heading.scores", lang)),
        _scores(assessment, lang),
        _heading(message("heading.reasons_for", lang).format(outcome=outcome_of)),
        _reason_rows(pros, assessment, lang),
    ]
    if cons:
        parts += [_heading(message("heading.reasons_against", lang)), _reason_rows(cons, assessment, lang)]
    if assessment.what_would_change is not None:
        parts += [_heading(message("heading.what_would_change", lang)), _what_would_change(assessment, lang)]
    if assessment.robustness is not None:
        parts += [_heading(message("heading.robustness", lang)), _robustness(assessment, lang)]
    parts += [
        _heading(message("heading.plan", lang)),
        _plan(assessment, lang),
        _heading(message("heading.readiness", lang)),
        _readiness(assessment),
        _heading(message("heading.warnings", lang)),
        _warnings(assessment, lang),
        _heading(message("heading.costs", lang)),
        _costs(assessment, lang),
    ]
    if assessment.phases:
        parts += [_heading(message("heading.phases", lang)), _phases(assessment, lang)]
    return Group(*parts)


def render_terminal_text(report: Report) -> str:
    return _to_text(render_terminal(report.assessment, report.lang), color=report.color, width=report.width)


def _to_text(renderable: RenderableType, *, color: bool, width: int | None) -> str:
    """Text for a terminal (with colour), or plain for a file or a pipe, without trailing spaces."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width or (None if color else 100),
        force_terminal=color,
        color_system="auto" if color else None,
        highlight=False,
    )
    console.print(renderable)
    if color:
        return buffer.getvalue()
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def render_comparison(comparison: Comparison, lang: str) -> RenderableType:
    """What changed between two assessments, recommendation first."""
    old, new = comparison.recommendation["old"], comparison.recommendation["new"]
    head = Text(message("compare.recommendation", lang) + ": ", style="bold")
    head.append(f"{outcome_label(old, lang)} → {outcome_label(new, lang)}", style="bold cyan" if old != new else "")
    parts: list[RenderableType] = [head]
    if not comparison.changed:
        return Group(head, Text(message("compare.no_change", lang)))
    scores = Table.grid(padding=(0, 2))
    for outcome, change in comparison.scores.items():
        scores.add_row(
            Text(outcome_label(outcome, lang)),
            Text(f"{change.old:5.1f} → {change.new:5.1f}"),
            Text(
                f"{change.change:+.1f}", style="green" if change.change > 0 else "red" if change.change < 0 else "dim"
            ),
        )
    parts += [_heading(message("heading.scores", lang)), scores]
    if comparison.answers:
        table = Table.grid(padding=(0, 2))
        for a in comparison.answers:
            table.add_row(Text(a.question), Text(f"{_plain(a.old)} → {_plain(a.new)}"))
        parts += [_heading(message("compare.answers", lang)), table]
    if comparison.activities:
        table = Table.grid(padding=(0, 2))
        for d in comparison.activities:
            before = message(f"decision.{d.old}", lang) if d.old else "—"
            after = message(f"decision.{d.new}", lang) if d.new else "—"
            table.add_row(Text(clean(d.name)), Text(f"{before} → {after}"))
        parts += [_heading(message("heading.plan", lang)), table]
    if comparison.warnings_added or comparison.warnings_removed:
        lines = Text()
        for code in comparison.warnings_added:
            lines.append(f"+ {code}\n", style="yellow")
        for code in comparison.warnings_removed:
            lines.append(f"- {code}\n", style="green")
        parts += [_heading(message("heading.warnings", lang)), lines]
    return Group(*parts)


def _plain(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return clean(str(value))


def render_comparison_text(comparison: Comparison, lang: str, *, color: bool) -> str:
    return _to_text(render_comparison(comparison, lang), color=color, width=None)
