"""One table of report formats, each a function from a `Report` to text.

Kept light: renderers import their own heavy dependencies (rich, Jinja2) when called, so that
importing this module costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from outsource_advisor.model.answers import Answers
    from outsource_advisor.model.assessment import Assessment
    from outsource_advisor.model.questionnaire import Questionnaire


class ReportFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a renderer may show: the result, the questionnaire it came from, the answers
    given (for the appendix), and the language. `color` and `width` only concern the terminal.

    `date` is the day the report is made, handed in by the caller (the CLI passes today):
    renderers never read the clock, so the same inputs always give the same report. A date in
    the answers file takes precedence, being the day of the interview.
    """

    assessment: Assessment
    questionnaire: Questionnaire
    answers: Answers
    lang: str
    color: bool = False
    width: int | None = None
    date: str | None = None


def _table(report: Report) -> str:
    from outsource_advisor.render.terminal import render_terminal_text

    return render_terminal_text(report)


def _json(report: Report) -> str:
    from outsource_advisor.render.json import render_json

    return render_json(report.assessment)


def _markdown(report: Report) -> str:
    from outsource_advisor.render.markdown import render_markdown

    return render_markdown(report)


def _html(report: Report) -> str:
    from outsource_advisor.render.html import render_html

    return render_html(report)


RENDERERS: dict[ReportFormat, Callable[[Report], str]] = {
    ReportFormat.TABLE: _table,
    ReportFormat.JSON: _json,
    ReportFormat.MARKDOWN: _markdown,
    ReportFormat.HTML: _html,
}


def render_report(fmt: ReportFormat, report: Report) -> str:
    return RENDERERS[fmt](report)
