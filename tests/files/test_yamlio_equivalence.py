"""The fast YAML path builds the same data, and refuses the same files with the same messages,
as PyYAML's own constructor machinery configured the way this project first did it.

The reference below is that first implementation, kept here only as an oracle.
"""

from __future__ import annotations

import math
import re
from typing import Any, ClassVar

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from outsource_advisor.errors import InputError, Problem
from outsource_advisor.files.yamlio import MAX_DEPTH, _needs_prescan, parse_yaml, prescan

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _RefError(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.line = mark.line + 1 if mark is not None else None


class _Reference(_Base):  # type: ignore[misc]
    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}
    yaml_constructors: ClassVar[dict[str | None, Any]] = {}
    max_depth = MAX_DEPTH
    _depth = 0

    def _enter(self, node: Any) -> None:
        self._depth += 1
        if self._depth > self.max_depth:
            raise _RefError(f"nesting is deeper than {self.max_depth} levels", node.start_mark)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise _RefError(f"expected a mapping, found {node.id}", node.start_mark)
        self._enter(node)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                raise _RefError("a mapping key must be a plain value", key_node.start_mark)
            if key in mapping:
                raise _RefError(f"duplicate key {key!r}: the earlier value would be silently lost", key_node.start_mark)
            mapping[key] = self.construct_object(value_node, deep=True)
        self._depth -= 1
        return mapping

    def construct_sequence(self, node: Any, deep: bool = False) -> list[Any]:
        if not isinstance(node, yaml.SequenceNode):
            raise _RefError(f"expected a list, found {node.id}", node.start_mark)
        self._enter(node)
        items = [self.construct_object(child, deep=True) for child in node.value]
        self._depth -= 1
        return items


def _resolver(tag: str, pattern: str, first: str) -> None:
    regexp = re.compile(pattern, re.X)
    for ch in first:
        _Reference.yaml_implicit_resolvers.setdefault(ch, []).append((tag, regexp))


_resolver("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN")
_Reference.yaml_implicit_resolvers.setdefault("", []).append(("tag:yaml.org,2002:null", re.compile(r"^$")))
_resolver("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolver("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789")
_resolver(
    "tag:yaml.org,2002:float",
    r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
    "-+0123456789.",
)


def _int(loader: Any, node: Any) -> int:
    value = loader.construct_scalar(node)
    if not re.fullmatch(r"[-+]?[0-9]+", value):
        raise _RefError(f"{value!r} is not a whole number", node.start_mark)
    return int(value)


def _float(loader: Any, node: Any) -> float:
    value = loader.construct_scalar(node).lower()
    try:
        return float(value.replace(".inf", "inf").replace(".nan", "nan"))
    except ValueError:
        raise _RefError(f"{value!r} is not a number", node.start_mark) from None


def _undefined(loader: Any, node: Any) -> None:
    tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
    raise _RefError(f"the YAML tag {tag!r} is not allowed here", node.start_mark)


_Reference.add_constructor("tag:yaml.org,2002:null", lambda loader, node: None)
_Reference.add_constructor(
    "tag:yaml.org,2002:bool", lambda loader, node: loader.construct_scalar(node).lower() == "true"
)
_Reference.add_constructor("tag:yaml.org,2002:int", _int)
_Reference.add_constructor("tag:yaml.org,2002:float", _float)
_Reference.add_constructor("tag:yaml.org,2002:str", lambda loader, node: str(loader.construct_scalar(node)))
_Reference.add_constructor("tag:yaml.org,2002:seq", _Reference.construct_sequence)
_Reference.add_constructor("tag:yaml.org,2002:map", _Reference.construct_mapping)
_Reference.add_constructor(None, _undefined)


def reference_parse(text: str) -> Any:
    try:
        if _needs_prescan(text):
            prescan(text, MAX_DEPTH)
        loader = _Reference(text)
        try:
            node = loader.get_single_node()
            return None if node is None else loader.construct_document(node)
        finally:
            loader.dispose()
    except _RefError as exc:
        raise InputError([Problem(exc.message, line=exc.line)]) from None
    except Exception as exc:  # noqa: BLE001
        if hasattr(exc, "message") and hasattr(exc, "line"):
            raise InputError([Problem(exc.message, line=exc.line)]) from None
        if isinstance(exc, yaml.MarkedYAMLError):
            mark = exc.problem_mark or exc.context_mark
            what = exc.problem or exc.context or "invalid YAML"
            raise InputError([Problem(f"invalid YAML: {what}", line=mark.line + 1 if mark else None)]) from None
        raise InputError([Problem(f"invalid YAML ({type(exc).__name__})")]) from None


def outcome(parse: Any, text: str) -> tuple[str, Any]:
    try:
        return "ok", parse(text)
    except InputError as exc:
        return "error", [str(p) for p in exc.problems]


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        pairs = zip(a.items(), b.items(), strict=False)
        return len(a) == len(b) and all(same(ka, kb) and same(va, vb) for (ka, va), (kb, vb) in pairs)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


SCALARS = [
    "NO", "yes", "on", "010", "1:20", "2024-01-02", "true", "False", "TRUE", "~", "null", "Null", "",
    "-.inf", ".NaN", ".nan", "1e3", "+12", "-7", "0x10", "3.", ".5", "1_000", "'quoted'", '"dq"', "'010'",
    "!!int 3", "!!int x", "!!int", "!!float 1.5", "!!float nan", "!!float x", "!!str 12", "!!bool yes",
    "!!bool True", "!!null x", "!custom 1", "!!binary aGk=", "! 12", "!!timestamp 2024-01-01", "abc",
    "a b", "Sì", "caffè", "|\n  block", "'it''s'", "!!map x", "!!seq x",
]  # fmt: skip
KEYS = ["a", "b", "channels", "NO", "1", "01", "true", "~", "'a'", "[x]", "{k: v}", "!!str 1", "? a"]
TAGS = ["", "", "", "!!map ", "!!seq ", "!!set ", "!!str ", "!!null ", "! "]


def _flow(draw: st.DrawFn, depth: int) -> str:
    kind = draw(st.sampled_from(["scalar", "scalar", "list", "map"])) if depth < 3 else "scalar"
    if kind == "scalar":
        value = draw(st.sampled_from(SCALARS))
        return value if "\n" not in value and not value.startswith("!!") else "x"
    tag = draw(st.sampled_from(TAGS))
    items = draw(st.integers(0, 3))
    if kind == "list":
        return tag + "[" + ", ".join(_flow(draw, depth + 1) for _ in range(items)) + "]"
    pairs = (f"{draw(st.sampled_from(KEYS[:7]))}: {_flow(draw, depth + 1)}" for _ in range(items))
    return tag + "{" + ", ".join(pairs) + "}"


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines: list[str] = []

    def block(indent: int, depth: int) -> None:
        is_seq = draw(st.booleans())
        for _ in range(draw(st.integers(1, 4))):
            pad = " " * indent
            lead = f"{pad}- " if is_seq else f"{pad}{draw(st.sampled_from(KEYS))}: "
            if depth < 3 and draw(st.integers(0, 3)) == 0:
                lines.append(lead.rstrip() + (" " + draw(st.sampled_from(TAGS)).strip()).rstrip())
                block(indent + 2, depth + 1)
            elif draw(st.booleans()):
                lines.append(lead + _flow(draw, depth))
            else:
                lines.append(lead + draw(st.sampled_from(SCALARS)).replace("\n", "\n" + pad + "  "))

    block(0, 0)
    text = "\n".join(lines) + "\n"
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(text)))
        noise = draw(st.sampled_from(["[", "]", "{", ":", "- ", "\t", "'", '"', "&a ", "*a", "\n---\n"]))
        text = text[:at] + noise + text[at:]
    return text


@settings(max_examples=400, deadline=None)
@given(documents())
def test_fast_path_matches_pyyaml_constructors(text: str) -> None:
    new, ref = outcome(parse_yaml, text), outcome(reference_parse, text)
    assert new[0] == ref[0], (text, new, ref)
    if new[0] == "ok":
        assert same(new[1], ref[1]), (text, new, ref)
    else:
        assert new[1] == ref[1], (text, new, ref)


@pytest.mark.parametrize(
    "text",
    [
        "a: !!map x",
        "a: !!str [1]",
        "a: !!bool {b: 1}",
        "a: !!null [1, 2]",
        "!!seq {a: 1}",
        "{.nan: 1, .nan: 2}",
        "a: &x 1\nb: &x 2",
        "a: 1\n---\nb: 2",
        "? [a]\n: 1",
        "!!bool yes",
        "- !<tag:outsource-advisor:plain> 12",
        "x: 1\nx: [1, 2",
    ],
)
def test_edge_cases_match(text: str) -> None:
    new, ref = outcome(parse_yaml, text), outcome(reference_parse, text)
    assert new[0] == ref[0] and (same(new[1], ref[1]) if new[0] == "ok" else new[1] == ref[1]), (new, ref)
