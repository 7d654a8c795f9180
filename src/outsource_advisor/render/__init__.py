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
    from outsource_advisor.answers import Answers
    from outsource_advisor.assessment import Assessment
    from outsource_advisor.questionnaire import Questionnaire


class ReportFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a renderer may show: the result, the questionnaire it came from, the answers
    given (for the appendix), and the language. `color` and `width` only concern the terminal."""

    assessment: Assessment
    questionnaire: Questionnaire
    answers: Answers
    lang: str
    color: bool = False
    width: int | None = None


def _table(report: Report) -> str:
    from outsource_advisor.render.terminal import render_terminal_text

    return render_terminal_text(report)


def _json(report: Report) -> str:
    from outsource_advisor.render.json import render_json

    return render_json(report.assessment)


RENDERERS: dict[ReportFormat, Callable[[Report], str]] = {
    ReportFormat.TABLE: _table,
    ReportFormat.JSON: _json,
}


def render_report(fmt: ReportFormat, report: Report) -> str:
    return RENDERERS[fmt](report)
