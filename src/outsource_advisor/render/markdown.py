"""The report as Markdown (CommonMark with GFM tables), for pasting into documents and tickets.

HTML autoescaping means nothing here: Markdown viewers render raw HTML, links and emphasis
from plain characters. So the environment escapes every value a template prints with
`escape_markdown` (its `finalize`), and the structure comes only from the template's own
text. No value, whoever wrote it, can open a link, a heading, a table cell or an HTML tag.
"""

from __future__ import annotations

import re
from typing import Any

from outsource_advisor.model.text import clean
from outsource_advisor.render import Report
from outsource_advisor.render.view import render_template

# Every ASCII character with a meaning somewhere in CommonMark or GFM (emphasis, code, links,
# images, HTML, entities, headings, quotes, tables, strikethrough, math). A backslash before
# ASCII punctuation always means the character itself, so escaping more than needed is safe.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&$])")
# At the start of a line: a bullet, a thematic break or heading underline (`---`, `===`), and
# a numbered list (`1.` or `1)`); a marker needs a space or the end of the line after it, so
# `-2.9` or `4.33` are left alone.
_LINE_START = re.compile(r"^([-+])(?=[-+\s]|$)|^(=)(?=[=\s]*$)|^(\d{1,9})([.)])(?=\s|$)")
# GFM turns bare web addresses into links; breaking the pattern keeps them plain text.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=//)|(?<=www)(\.)")
_SPACE = re.compile(r"\s*[\r\n]+\s*|\t")
_BAR_CELLS = 20


def escape_markdown(value: Any) -> str:
    """Any value as Markdown text that reads literally, on one line (a newline would end a
    table row or a list item): control characters removed, line breaks turned into spaces,
    and every character that could make structure backslash-escaped."""
    text = _SPACE.sub(" ", clean(str(value))).strip()
    text = _INLINE.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda m: "\\" + m.group(0), text)
    return _LINE_START.sub(_escape_marker, text)


def _escape_marker(match: re.Match[str]) -> str:
    bullet, equals, number, delimiter = match.groups()
    return f"{number}\\{delimiter}" if number else f"\\{bullet or equals}"


def score_bar(value: float) -> str:
    """A score as a bar of 20 cells, for viewers that cannot draw a chart."""
    filled = round(max(0.0, min(100.0, value)) / 100 * _BAR_CELLS)
    return "█" * filled + "░" * (_BAR_CELLS - filled)


def render_markdown(report: Report) -> str:
    """The whole report as one Markdown document."""
    # HTML escaping is the wrong escaping for Markdown: finalize escapes every value instead.
    text = render_template(
        "markdown/report.md.j2", report, autoescape=False, finalize=escape_markdown, score_bar=score_bar
    )
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
