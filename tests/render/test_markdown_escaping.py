"""Markdown escaping: whatever a value holds, a CommonMark reader sees exactly that text."""

from __future__ import annotations

import html5lib
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from outsource_advisor.model.text import clean
from outsource_advisor.render.markdown import escape_markdown

PARSER = MarkdownIt("commonmark").enable("table")
# Text a person could type, weighted toward the characters that make Markdown structure.
MARKUP = st.sampled_from(list("\\`*_[]<>#|~&$!()-+=.:/ \n\t1") + ["http://", "www.", "&amp;", "<b>", "1. ", "- "])
TEXT = st.lists(st.one_of(MARKUP, st.text(max_size=3)), max_size=25).map("".join)


def shown(markdown: str) -> str:
    """The text a reader sees once the Markdown is rendered."""
    return "".join(html5lib.parse(PARSER.render(markdown), namespaceHTMLElements=False).itertext())


def expected(value: str) -> str:
    return " ".join(clean(value).split())


def normalised(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=300)
@given(TEXT)
def test_a_value_reads_literally_as_a_paragraph_a_list_item_and_a_table_cell(value: str) -> None:
    escaped = escape_markdown(value)
    assert "\n" not in escaped
    assert normalised(shown(escaped)) == expected(value)
    assert normalised(shown(f"- {escaped}")) == expected(value)
    assert normalised(shown(f"### {escaped}")) == expected(value)
    table = f"| a | b |\n|---|---|\n| {escaped} | end |\n"
    assert normalised(shown(table)) == normalised(f"a b {expected(value)} end")


def test_structure_is_escaped_and_plain_text_left_readable() -> None:
    assert escape_markdown("Meccanica Ferri S.p.A.") == "Meccanica Ferri S.p.A."
    assert escape_markdown("-2.9 and 4.33") == "-2.9 and 4.33"
    assert escape_markdown("1. first") == "1\\. first"
    assert escape_markdown("# title") == "\\# title"
    assert escape_markdown("a | b") == "a \\| b"
    assert escape_markdown("see http://x.example or www.example.com") == "see http\\://x.example or www\\.example.com"
    assert escape_markdown("two\nlines\r\n\nhere") == "two lines here"
