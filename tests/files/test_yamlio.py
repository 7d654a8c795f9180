"""Every file enters through one loader: safe, strict, and clear about what is wrong."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from outsource_advisor.errors import InputError
from outsource_advisor.files.loading import load_questionnaire
from outsource_advisor.files.yamlio import (
    LIBYAML_NESTING_PROBLEM,
    MAX_DEPTH,
    dump_yaml,
    load_document,
    parse_json,
    parse_yaml,
    prescan,
)


def problem(text: str) -> str:
    with pytest.raises(InputError) as info:
        parse_yaml(text)
    (only,) = info.value.problems
    return str(only)


def test_yaml_1_1_surprises_stay_what_the_person_wrote() -> None:
    data = parse_yaml("a: NO\nb: on\nc: 010\nd: 1:20\ne: 2024-01-02\nf: true\ng: yes\nh: 0x10")
    assert data == {
        "a": "NO",
        "b": "on",
        "c": 10,
        "d": "1:20",
        "e": "2024-01-02",
        "f": True,
        "g": "yes",
        "h": "0x10",
    }


def test_duplicate_keys_are_errors_with_the_line() -> None:
    assert problem("answers:\n  channels: 2\n  channels: 3\n") == (
        "3: duplicate key 'channels': the earlier value would be silently lost"
    )


def test_json_duplicate_keys_are_errors() -> None:
    with pytest.raises(InputError, match="duplicate key 'a'"):
        parse_json('{"a": 1, "a": 2}')


@pytest.mark.parametrize(
    "text",
    [
        "!!python/object/apply:os.system ['echo hi']",
        "a: !!python/name:os.system",
        "!!binary aGk=",
        "a: !!timestamp 2024-01-01",
        "a: !!set {x}",
        "a: !custom 1",
    ],
)
def test_no_tag_constructs_an_object(text: str) -> None:
    assert "not allowed" in problem(text)


def test_aliases_are_refused_before_they_can_expand() -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
    )
    start = time.perf_counter()
    assert "aliases" in problem(laughs)
    assert time.perf_counter() - start < 1


@pytest.mark.parametrize(
    "text", ["[" * 30_000, "- " * 5_000 + "x", "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 200))]
)
def test_deep_nesting_is_refused_without_crashing(text: str) -> None:
    assert "nesting is deeper than" in problem(text)


class _ScannerWithOwnLimit(yaml.SafeLoader):
    """PyYAML 6.0.4's libyaml, whatever release is installed: the scanner stops at a nesting
    limit of its own (1,000 levels) while it looks ahead, before the parser reaches ours."""

    LIMIT = 1000

    def _deeper(self, level: int) -> None:
        if level >= self.LIMIT:
            mark = self.get_mark()
            raise yaml.scanner.ScannerError("while increasing level", mark, LIBYAML_NESTING_PROBLEM, mark)

    def fetch_flow_collection_start(self, TokenClass: type) -> None:  # noqa: N803 - PyYAML's name
        self._deeper(self.flow_level)
        super().fetch_flow_collection_start(TokenClass)  # type: ignore[misc]

    def add_indent(self, column: int) -> bool:
        self._deeper(len(self.indents))
        return bool(super().add_indent(column))  # type: ignore[misc]


DEEP_CASES = {
    "flow list on one line": ("answers: " + "[" * 5_000, 1),
    "block list, one level a line": ("answers:\n" + "".join("  " * i + "-\n" for i in range(1, 5_000)), 65),
    "flow mappings across lines": ("".join("{a:\n" for _ in range(3_000)), 65),
}


def _depth_seen_before_the_parser_stops(text: str, loader: type) -> int:
    depth = deepest = 0
    with pytest.raises(yaml.scanner.ScannerError, match=LIBYAML_NESTING_PROBLEM):
        for event in yaml.parse(text, Loader=loader):
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
            deepest = max(deepest, depth)
    return deepest


def test_the_double_stops_where_pyyaml_6_0_4_stops() -> None:
    """The failure of issue 11: on a deep flow list the scanner stops before our limit is seen."""
    text = DEEP_CASES["flow list on one line"][0]
    assert _depth_seen_before_the_parser_stops(text, _ScannerWithOwnLimit) < MAX_DEPTH


@pytest.mark.parametrize("case", DEEP_CASES)
@pytest.mark.parametrize(
    "loader",
    [yaml.SafeLoader, _ScannerWithOwnLimit, getattr(yaml, "CSafeLoader", yaml.SafeLoader)],
    ids=["parser without a limit (PyYAML 6.0.3)", "parser with its own limit (PyYAML 6.0.4)", "installed"],
)
def test_the_depth_guard_says_the_same_with_every_pyyaml(case: str, loader: type) -> None:
    text, line = DEEP_CASES[case]
    with pytest.raises(Exception) as info:
        prescan(text, MAX_DEPTH, loader=loader)
    assert str(info.value) == f"nesting is deeper than {MAX_DEPTH} levels"
    assert getattr(info.value, "line", None) == line
    assert problem(text) == f"{line}: nesting is deeper than {MAX_DEPTH} levels"


def test_stock_pyyaml_crashers_become_clean_errors() -> None:
    for text in ("!!int ", "!!float x", "{? [a]: 1}", "a: [1, 2", "\t- x"):
        with pytest.raises(InputError):
            parse_yaml(text)


def test_binary_and_non_utf8_files_get_a_clear_message(tmp_path: Path) -> None:
    binary = tmp_path / "photo.yaml"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("a: 1\nb: caff\xe8\n".encode("latin-1"))
    with pytest.raises(InputError, match="binary file"):
        load_document(binary)
    with pytest.raises(InputError) as info:
        load_document(latin)
    assert str(info.value.problems[0]) == f"{latin}:2: the file is not valid UTF-8 text (save it as UTF-8)"


def test_missing_file_and_folder_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_document(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="folder"):
        load_document(tmp_path)


def test_the_size_limit_can_be_raised_by_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 2000 + "\n", encoding="utf-8")
    monkeypatch.setenv("OUTSOURCE_ADVISOR_MAX_FILE_SIZE", "1K")
    with pytest.raises(InputError, match="larger than the 1 KiB limit"):
        load_document(big)
    monkeypatch.setenv("OUTSOURCE_ADVISOR_MAX_FILE_SIZE", "4K")
    assert load_document(big)[0] == {"a": "x" * 2000}


def test_the_shipped_questionnaire_is_not_held_to_a_lowered_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit guards against other people's files; the program's own questionnaire (83 KB)
    must still load when a user lowers it."""
    monkeypatch.setenv("OUTSOURCE_ADVISOR_MAX_FILE_SIZE", "4K")
    assert load_questionnaire("social-media").id == "social-media"
    copy = tmp_path / "social-media.yaml"
    copy.write_bytes((ROOT / "questionnaires" / "social-media.yaml").read_bytes())
    with pytest.raises(InputError, match="larger than the 4 KiB limit"):
        load_questionnaire(str(copy))  # the same questionnaire given as a file of one's own is checked


TRICKY = [
    "NO",
    "on",
    "yes",
    "~",
    "null",
    "",
    " padded ",
    "010",
    "09",
    "1e5",
    "1_000",
    "0x1F",
    "+1",
    ".inf",
    "1:20",
    "2024-01-02",
    "true",
    "- item",
    "# not a comment",
    "a: b",
    "it's",
    '"q"',
    "line\nbreak",
    "x\u0085y",
    "\u2028",
    "tab\there",
    "\ufeffbom",
    "\x1b[31mred",
    "nbsp\u00a0",
    "è così",
    "\U0001f600",
]
scalars = st.one_of(
    st.sampled_from(TRICKY),
    st.text(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)


@given(st.dictionaries(st.text(min_size=1), st.one_of(scalars, st.lists(st.text()))))
def test_what_dump_yaml_writes_our_loader_reads_back_equal(data: dict[str, object]) -> None:
    assert parse_yaml(dump_yaml(data)) == data


def test_dumped_text_is_also_read_as_text_by_yaml_1_1_tools() -> None:
    data = {t: t for t in TRICKY}
    assert yaml.safe_load(dump_yaml(data)) == data
