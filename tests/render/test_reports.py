"""The client-ready reports: golden files, structure checked by real parsers, and safety.

HTML is parsed by html5lib (a browser-grade HTML5 parser), Markdown by markdown-it-py in
CommonMark mode with GFM tables. Golden files are rewritten with `pytest --update-goldens`
and must be read by eye before they are committed.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import html5lib
import pytest
from markdown_it import MarkdownIt

from conftest import EXAMPLES, QUESTIONNAIRE
from outsource_advisor.engine.advice import advise
from outsource_advisor.engine.scoring import score
from outsource_advisor.files.loading import check_answers, read_document
from outsource_advisor.i18n.messages import message
from outsource_advisor.model.answers import Answers
from outsource_advisor.render import Report, ReportFormat, render_report

PROFILES = ["bakery", "manufacturer-campaign"]
LANGS = ["en", "it"]
SUFFIX = {ReportFormat.HTML: "html", ReportFormat.MARKDOWN: "md", ReportFormat.TABLE: "txt"}
# The day a report is made comes from its caller; goldens pin it, and the program version,
# so that they change only when the report does.
REPORT_DATE = "2026-01-15"
PROGRAM_VERSION = "0.0.0"
# Issue 5 mandates the first six and the appendix last; costs and decision support sit between.
SECTIONS = [
    "recommendation",
    "reasons",
    "plan",
    "contract",
    "readiness",
    "warnings",
    "costs",
    "sensitivity",
    "phases",
    "appendix",
]


def load_example(name: str) -> Answers:
    path = EXAMPLES / f"{name}.yaml"
    return check_answers(read_document(path), QUESTIONNAIRE)


def report_of(answers: Answers, lang: str, **options: Any) -> Report:
    assessment = advise(QUESTIONNAIRE, answers, score(QUESTIONNAIRE, answers, lang=lang), lang)
    assessment = dataclasses.replace(assessment, program_version=PROGRAM_VERSION)
    return Report(assessment, QUESTIONNAIRE, answers, lang, date=REPORT_DATE, **options)


def example_report(name: str, lang: str) -> Report:
    return report_of(load_example(name), lang, width=80, color=False)


def parse_html(text: str) -> Element:
    document: Element = html5lib.parse(text, namespaceHTMLElements=False)
    return document


def markdown_parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


# --- golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [ReportFormat.HTML, ReportFormat.MARKDOWN, ReportFormat.TABLE], ids=str)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("profile", PROFILES)
def test_reports_match_their_golden_files(profile: str, lang: str, fmt: ReportFormat, golden: Any) -> None:
    text = render_report(fmt, example_report(profile, lang))
    golden(f"{profile}.{lang}.{SUFFIX[fmt]}", text)


def test_terminal_golden_is_80_columns_of_plain_text() -> None:
    for profile in PROFILES:
        text = render_report(ReportFormat.TABLE, example_report(profile, "en"))
        assert "\x1b" not in text
        assert max(len(line) for line in text.splitlines()) <= 80


# --- HTML -----------------------------------------------------------------------------------

SVG = "{http://www.w3.org/2000/svg}"
_URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "ping"}
_FETCHING_ELEMENTS = {"script", "link", "img", "iframe", "frame", "object", "embed", "audio", "video", "source"}
_FETCHING_ELEMENTS |= {"track", "base", "form", "image", "use", "feImage", "foreignObject", "a"}


def local(name: str) -> str:
    """A tag or attribute name without its namespace (html5lib keeps SVG's and XLink's)."""
    return name.rsplit("}", 1)[-1]


def assert_self_contained(text: str) -> None:
    """Nothing the page could fetch: no scripts, links, images or frames, no URL attributes,
    no url() or @import in CSS, no event handlers."""
    root = parse_html(text)
    for element in root.iter():
        tag = local(str(element.tag))
        assert tag not in _FETCHING_ELEMENTS, tag
        for name, value in element.attrib.items():
            assert local(name) not in _URL_ATTRIBUTES, (tag, name, value)
            assert not local(name).startswith("on"), (tag, name)
            assert "url(" not in value.lower(), (tag, name)
    styles = " ".join(s.text or "" for s in root.iter("style"))
    assert "url(" not in styles and "@import" not in styles
    assert not re.search(r"(?i)(https?:|[\s\"'(=])//\w", text), "a reference to another server"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("profile", PROFILES)
def test_html_is_one_self_contained_page(profile: str, lang: str) -> None:
    text = render_report(ReportFormat.HTML, example_report(profile, lang))
    assert_self_contained(text)
    root = parse_html(text)
    assert root.get("lang") == lang
    assert root.find(".//meta[@name='viewport']") is not None
    assert root.find(".//meta[@charset='utf-8']") is not None


@pytest.mark.parametrize("lang", LANGS)
def test_html_sections_come_in_the_order_of_the_issue(lang: str) -> None:
    root = parse_html(render_report(ReportFormat.HTML, example_report("bakery", lang)))
    main = root.find(".//main")
    assert main is not None
    assert [child.tag for child in main] == ["header"] + ["section"] * len(SECTIONS) + ["footer"]
    assert [s.get("id") for s in main.iter("section")] == SECTIONS


def test_html_chart_is_accessible_and_states_every_value() -> None:
    root = parse_html(render_report(ReportFormat.HTML, example_report("bakery", "en")))
    chart = root.find(f".//figure/{SVG}svg")
    assert chart is not None and chart.get("role") == "img"
    ids = (chart.get("aria-labelledby") or "").split()
    assert [local(str(chart.find(f".//*[@id='{i}']").tag)) for i in ids] == ["title", "desc"]  # type: ignore[union-attr]
    desc = "".join(chart.find(f"{SVG}desc").itertext())  # type: ignore[union-attr]
    texts = ["".join(t.itertext()) for t in chart.iter(f"{SVG}text")]
    for value in ("56.4", "68.7", "43.8"):
        assert value in desc and value in texts
    assert "Hybrid 68.7 (recommended)" in desc


def test_html_prints_to_a4_and_adapts_to_a_phone() -> None:
    root = parse_html(render_report(ReportFormat.HTML, example_report("bakery", "en")))
    css = "".join(s.text or "" for s in root.iter("style"))
    assert re.search(r"@page\s*{[^}]*size:\s*A4", css)
    assert "@media print" in css and "break-before: page" in css
    assert re.search(r"@media \(max-width: [\d.]+rem\)", css)
    for cell in root.iter("td"):
        assert cell.get("data-label"), "a cell without its label on a phone"


def test_html_decisions_and_readiness_are_text_not_only_colour() -> None:
    root = parse_html(render_report(ReportFormat.HTML, example_report("bakery", "it")))
    badges = ["".join(b.itertext()) for b in root.iter("span") if "badge" in (b.get("class") or "")]
    assert badges == ["Affidare", "Tenere", "Tenere", "Affidare", "Affidare"]
    statuses = ["".join(s.itertext()) for s in root.iter("span") if (s.get("class") or "").startswith("status ")]
    assert statuses == ["A posto", "A posto", "Da fare", "Da verificare"]


# --- Markdown -------------------------------------------------------------------------------


def headings(text: str, level: int) -> list[str]:
    tokens = markdown_parser().parse(text)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == f"h{level}"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("profile", PROFILES)
def test_markdown_has_the_sections_in_order_and_real_tables(profile: str, lang: str) -> None:
    text = render_report(ReportFormat.MARKDOWN, example_report(profile, lang))
    tokens = markdown_parser().parse(text)
    assert not [t for t in tokens if t.type in {"html_block", "html_inline"}]
    assert not [t for t in tokens if t.children and any(c.type == "html_inline" for c in t.children)]
    titles = headings(text, 2)
    expected = [message(f"report.section.{s}", lang) for s in SECTIONS]
    assert [re.sub(r"^\d+\. ", "", t) for t in titles] == expected
    assert len(headings(text, 1)) == 1
    # scores, delegation plan, contract, costs, answers
    assert sum(1 for t in tokens if t.type == "table_open") == 5


def test_markdown_tables_have_one_row_per_item() -> None:
    report = example_report("bakery", "en")
    html = markdown_parser().render(render_report(ReportFormat.MARKDOWN, report))
    tables = parse_html(html).findall(".//table")
    rows = [len(t.findall("./tbody/tr")) for t in tables]
    assert rows == [3, 5, 3, 3, len(report.answers.values)]


# --- one source of content ------------------------------------------------------------------


def test_every_section_has_a_partial_and_a_title_in_each_format() -> None:
    from outsource_advisor.i18n.messages import LANGUAGES, has_message
    from outsource_advisor.render.view import SECTION_IDS

    templates = Path(__file__).resolve().parents[2] / "src" / "outsource_advisor" / "render" / "templates"
    assert list(SECTION_IDS) == SECTIONS
    for section in SECTION_IDS:
        assert (templates / "html" / f"{section}.html.j2").is_file()
        assert (templates / "markdown" / f"{section}.md.j2").is_file()
        assert has_message(f"report.section.{section}")
    assert LANGUAGES == ("en", "it")


def test_every_program_label_exists_in_every_language() -> None:
    from outsource_advisor.i18n.messages import _MESSAGES, LANGUAGES

    for key, texts in _MESSAGES.items():
        assert set(texts) == set(LANGUAGES), key
        fields = [set(re.findall(r"{(\w+)}", text)) for text in texts.values()]
        assert all(f == fields[0] for f in fields), f"{key}: the languages use different placeholders"


def test_html_and_markdown_say_the_same_things() -> None:
    report = example_report("manufacturer-campaign", "it")
    html_text = " ".join("".join(parse_html(render_report(ReportFormat.HTML, report)).itertext()).split())
    md_html = markdown_parser().render(render_report(ReportFormat.MARKDOWN, report))
    md_text = " ".join("".join(parse_html(md_html).itertext()).split())
    a = report.assessment
    for sentence in [w.message for w in a.warnings] + [c.message for c in a.readiness]:
        assert sentence in html_text and sentence in md_text
    for activity in a.activities:
        assert activity.who_does_what in html_text and activity.who_does_what in md_text
    assert "26,7 punti di vantaggio" in html_text and "26,7 punti di vantaggio" in md_text


# --- dates: handed in, never read from the clock --------------------------------------------


def test_the_answers_date_wins_over_the_report_date() -> None:
    bakery = render_report(ReportFormat.MARKDOWN, example_report("bakery", "en"))
    assert "2026-11-02" in bakery and REPORT_DATE not in bakery
    campaign = render_report(ReportFormat.MARKDOWN, example_report("manufacturer-campaign", "en"))
    assert REPORT_DATE in campaign


def test_without_any_date_the_report_shows_none() -> None:
    answers = dataclasses.replace(load_example("manufacturer-campaign"), date=None)
    report = dataclasses.replace(report_of(answers, "en"), date=None)
    text = render_report(ReportFormat.MARKDOWN, report)
    assert "**Date:**" not in text
    assert text == render_report(ReportFormat.MARKDOWN, report)


# --- hostile text ---------------------------------------------------------------------------

HOSTILE = (
    '<script>alert(1)</script> "><img src=x onerror=alert(1)> [link](javascript:x) | pipes | '
    "**bold** `code` [red]x[/] \x1b[31mred\x1b[0m http://evil.example/x\n# heading\n- item\n\n1. one"
)
# What a reader must see: the same text, with control characters gone and lines joined.
HOSTILE_SHOWN = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[link](javascript:x)",
    "| pipes |",
    "**bold**",
    "`code`",
    "[red]x[/]",
    "[31mred[0m",
    "http://evil.example/x",
    "# heading",
]


def hostile_report(fmt_lang: str = "en") -> Report:
    answers = load_example("bakery")
    answers = dataclasses.replace(
        answers,
        values={**answers.values, "company_name": HOSTILE},
        respondent=HOSTILE,
        interviewer=HOSTILE,
        notes={"monthly_budget": HOSTILE, "general": HOSTILE, HOSTILE: HOSTILE},
    )
    return report_of(answers, fmt_lang)


def test_hostile_text_shows_literally_in_html() -> None:
    text = render_report(ReportFormat.HTML, hostile_report())
    root = parse_html(text)
    assert not [e for e in root.iter() if local(str(e.tag)) in {"script", "img", "a"}]
    assert not [e for e in root.iter() if any(local(name).startswith("on") for name in e.attrib)]
    assert "\x1b" not in text
    shown = "".join(root.itertext())
    for part in HOSTILE_SHOWN:
        assert shown.count(part) >= 6, part  # title, h1, meta, appendix answer, notes, facts
    assert root.findtext(".//h1") == HOSTILE.replace("\x1b", "")


def test_hostile_text_shows_literally_in_markdown() -> None:
    report = hostile_report()
    text = render_report(ReportFormat.MARKDOWN, report)
    tokens = markdown_parser().parse(text)
    inline = [c for t in tokens if t.children for c in t.children]
    assert not [c for c in inline if c.type in {"html_inline", "link_open", "image"}]
    assert all(set(c.content) <= {"█", "░"} for c in inline if c.type == "code_inline")  # only the score bars
    assert not [t for t in tokens if t.type in {"html_block", "code_block", "fence"}]
    assert len(headings(text, 1)) == 1 and len(headings(text, 2)) == len(SECTIONS)
    assert "\x1b" not in text
    shown = " ".join("".join(parse_html(markdown_parser().render(text)).itertext()).split())
    for part in HOSTILE_SHOWN + ["- item 1. one"]:
        assert part in shown, part
    # The notes stay inside their table row: the answers table still has one row per question.
    html = parse_html(markdown_parser().render(text))
    assert len(html.findall(".//table")[-1].findall("./tbody/tr")) == len(report.answers.values)


def test_hostile_text_shows_literally_in_the_terminal() -> None:
    report = dataclasses.replace(hostile_report(), width=200)
    text = render_report(ReportFormat.TABLE, report)
    assert "\x1b" not in text
    assert "[red]x[/]" in text and "<script>alert(1)</script>" in text and "[31mred[0m" in text
