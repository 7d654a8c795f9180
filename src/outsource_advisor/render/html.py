"""The report as one self-contained HTML page: inline CSS and SVG, nothing fetched from outside,
readable on a phone and printable to A4.

Every value is autoescaped (`autoescape=True`: `select_autoescape` would not recognise a
`.html.j2` template) and loses its control characters; the templates never mark anything safe.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from outsource_advisor.i18n import message
from outsource_advisor.render import Report
from outsource_advisor.render.view import build_view
from outsource_advisor.text import clean


def _finalize(value: Any) -> Any:
    """Control characters out of every printed value; escaping follows, done by Jinja2."""
    if isinstance(value, Markup):
        return value  # escaped already by a Jinja2 filter; the templates use none on user text
    return clean(str(value))


@cache
def _environment() -> jinja2.Environment:
    """Built once: a batch renders many reports with the same compiled templates."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("outsource_advisor", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(report: Report) -> str:
    """The whole report as one HTML document."""
    template = _environment().get_template("html/report.html.j2")
    return template.render(
        view=build_view(report),
        t=lambda key, **fields: message(key, report.lang).format(**fields),
    )
