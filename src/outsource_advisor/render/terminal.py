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

from outsource_advisor.assessment import Assessment, Contribution
from outsource_advisor.conditions import OUTCOMES
from outsource_advisor.i18n import message
from outsource_advisor.render import Report
from outsource_advisor.render.summary import lead, main_reasons, summary_sentence
from outsource_advisor.text import clean
from outsource_advisor.wording import format_decimal, format_hours, format_money, format_signed, outcome_label

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
    return Group(*parts)


def render_terminal_text(report: Report) -> str:
    """The report as text for a terminal (colour only when `report.color`), or plain for a file
    or a pipe, without trailing spaces."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=report.width or (None if report.color else 100),
        force_terminal=report.color,
        color_system="auto" if report.color else None,
        highlight=False,
    )
    console.print(render_terminal(report.assessment, report.lang))
    if report.color:
        return buffer.getvalue()
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
