"""The report as one self-contained HTML page: inline CSS and SVG, nothing fetched from outside,
readable on a phone and printable to A4.

Every value is autoescaped (`autoescape=True`: `select_autoescape` would not recognise a
`.html.j2` template) and loses its control characters; the templates never mark anything safe.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from outsource_advisor.model.text import clean
from outsource_advisor.render import Report
from outsource_advisor.render.view import render_template


def _finalize(value: Any) -> Any:
    """Control characters out of every printed value; escaping follows, done by Jinja2."""
    if isinstance(value, Markup):
        return value  # escaped already by a Jinja2 filter; the templates use none on user text
    return clean(str(value))


def render_html(report: Report) -> str:
    """The whole report as one HTML document."""
    return render_template("html/report.html.j2", report, autoescape=True, finalize=_finalize)
