"""Safe, strict reading of YAML and JSON files.

Every file a user gives us enters through `load_document`. The YAML loader:
- constructs only plain data (mappings, sequences, strings, numbers, booleans, null);
  any other tag is an error, so no tag can construct an object;
- resolves scalars as YAML 1.2 does: only `true`/`false` are booleans, so a company called
  `NO` stays text, and `010` is ten, not eight; dates stay strings;
- refuses duplicate keys (PyYAML silently keeps the last one: a lost answer);
- refuses aliases (`*name`): they let a tiny file expand into billions of nodes later;
- bounds nesting before the C composer recurses into it (deep nesting crashes the process).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, ClassVar

import yaml

from outsource_advisor.errors import InputError, Problem, UsageError

MAX_FILE_BYTES = 1024 * 1024
SIZE_VARIABLE = "OUTSOURCE_ADVISOR_MAX_FILE_SIZE"
MAX_DEPTH = 64
# A document cannot nest deeper than the number of characters that open a level. Below this
# count the C composer cannot recurse far enough to crash, so the common small file skips the
# event pre-scan; the constructor still enforces MAX_DEPTH as it builds.
_SAFE_INDICATOR_COUNT = 200

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HAS_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False)) and hasattr(yaml, "CSafeLoader")


class _MarkedError(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.line = mark.line + 1 if mark is not None else None


class _StrictLoader(_BaseLoader):  # type: ignore[misc]
    """The C (or pure-Python) safe loader, used to compose nodes only: `_build` turns them into data.

    Composing calls `resolve` once per node; ours only tells plain scalars (resolved later, by
    `_plain`, with a cache) from the rest, which keeps that per-node call cheap.
    """

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is _ScalarNode:
            return _PLAIN if implicit[0] else _STR
        return _SEQ if kind is _SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_ScalarNode = yaml.ScalarNode
_SequenceNode = yaml.SequenceNode
_MappingNode = yaml.MappingNode
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
# The tag `resolve` gives a plain scalar, to be resolved by `_plain`. Built at run time and
# compared by identity, so no tag written in a file can ever be mistaken for it.
_PLAIN = "".join(["tag:outsource-advisor:", "plain"])


def _add_resolver(tag: str, pattern: str, first: str) -> None:
    regexp = re.compile(pattern, re.X)
    for ch in first:
        _StrictLoader.yaml_implicit_resolvers.setdefault(ch, []).append((tag, regexp))


# YAML 1.2 core schema.
_add_resolver(_NULL, r"^(?:~|null|Null|NULL|)$", "~nN")
_StrictLoader.yaml_implicit_resolvers.setdefault("", []).append((_NULL, re.compile(r"^$")))
_add_resolver(_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_add_resolver(_INT, r"^[-+]?[0-9]+$", "-+0123456789")
_add_resolver(
    _FLOAT,
    r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$""",
    "-+0123456789.",
)


def _construct_scalar(node: Any) -> str:
    if not isinstance(node, _ScalarNode):
        raise _MarkedError(f"invalid YAML: expected a scalar node, but found {node.id}", node.start_mark)
    return str(node.value)


def _construct_null(node: Any) -> None:
    return None


def _construct_bool(node: Any) -> bool:
    return _construct_scalar(node).lower() == "true"


def _construct_int(node: Any) -> int:
    value = _construct_scalar(node)
    if not re.fullmatch(r"[-+]?[0-9]+", value):
        raise _MarkedError(f"{value!r} is not a whole number", node.start_mark)
    return int(value)


def _construct_float(node: Any) -> float:
    value = _construct_scalar(node).lower()
    try:
        return float(value.replace(".inf", "inf").replace(".nan", "nan"))
    except ValueError:
        raise _MarkedError(f"{value!r} is not a number", node.start_mark) from None


def _construct_str(node: Any) -> str:
    return _construct_scalar(node)


_SCALAR_CONSTRUCTORS: dict[str, Any] = {
    _NULL: _construct_null,
    _BOOL: _construct_bool,
    _INT: _construct_int,
    _FLOAT: _construct_float,
    _STR: _construct_str,
}
_MISSING = object()
_PLAIN_CACHE: dict[str, Any] = {}
_PLAIN_CACHE_SIZE = 50_000


def _plain(node: Any) -> Any:
    """A plain (unquoted) scalar resolved by the YAML 1.2 core schema, as PyYAML's resolver
    would with the resolvers above; results are cached by text (all are immutable)."""
    text = node.value
    value = _PLAIN_CACHE.get(text, _MISSING)
    if value is not _MISSING:
        return value
    tag = _STR
    for candidate, regexp in _StrictLoader.yaml_implicit_resolvers.get(text[0] if text else "", ()):
        if regexp.match(text):
            tag = candidate
            break
    value = _SCALAR_CONSTRUCTORS[tag](node)
    if value == value:  # never cache NaN: two NaN keys are not duplicates of each other
        if len(_PLAIN_CACHE) >= _PLAIN_CACHE_SIZE:
            _PLAIN_CACHE.clear()
        _PLAIN_CACHE[text] = value
    return value


def _build(node: Any, depth: int, max_depth: int) -> Any:
    """Plain data from a composed node: what PyYAML's constructor did with the constructors
    this module used to register, without its bookkeeping (no aliases can reach here)."""
    tag = node.tag
    if tag is _PLAIN:
        return _plain(node)
    if tag == _MAP:
        if not isinstance(node, _MappingNode):
            raise _MarkedError(f"expected a mapping, found {node.id}", node.start_mark)
        depth += 1
        if depth > max_depth:
            raise _MarkedError(f"nesting is deeper than {max_depth} levels", node.start_mark)
        mapping: dict[Any, Any] = {}
        cache = _PLAIN_CACHE
        for key_node, value_node in node.value:
            # Plain scalars, the common case, straight from the cache.
            key = cache.get(key_node.value, _MISSING) if key_node.tag is _PLAIN else _MISSING
            if key is _MISSING:
                key = _build(key_node, depth, max_depth)
                if isinstance(key, list | dict):
                    raise _MarkedError("a mapping key must be a plain value", key_node.start_mark)
            if key in mapping:
                raise _MarkedError(
                    f"duplicate key {key!r}: the earlier value would be silently lost",
                    key_node.start_mark,
                )
            value = cache.get(value_node.value, _MISSING) if value_node.tag is _PLAIN else _MISSING
            mapping[key] = _build(value_node, depth, max_depth) if value is _MISSING else value
        return mapping
    if tag == _SEQ:
        if not isinstance(node, _SequenceNode):
            raise _MarkedError(f"expected a list, found {node.id}", node.start_mark)
        depth += 1
        if depth > max_depth:
            raise _MarkedError(f"nesting is deeper than {max_depth} levels", node.start_mark)
        return [_build(child, depth, max_depth) for child in node.value]
    constructor = _SCALAR_CONSTRUCTORS.get(tag)
    if constructor is None:
        shown = str(tag).replace("tag:yaml.org,2002:", "!!")
        raise _MarkedError(f"the YAML tag {shown!r} is not allowed here", node.start_mark)
    return constructor(node)


# libyaml 0.2.6 (in PyYAML 6.0.4's wheels) has a nesting limit of its own, far above ours, and its
# scanner reaches it while looking ahead, before the parser hands us the event at our limit.
LIBYAML_NESTING_PROBLEM = "exceeded maximum nesting depth"


def prescan(text: str, max_depth: int, *, loader: Any = _BaseLoader) -> None:
    """Walk the parser's events (no recursion, no nodes) to refuse aliases and deep nesting.

    Where the parser stops at a nesting limit of its own, the pure-Python parser (no limit; it
    looks ahead at most 1,024 characters) finds the line where ours is passed, so the message
    is the same with every PyYAML release.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent):
                raise _MarkedError(
                    "YAML aliases (*name) are not allowed: write the value out in full",
                    event.start_mark,
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > max_depth:
                    raise _MarkedError(f"nesting is deeper than {max_depth} levels", event.start_mark)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if LIBYAML_NESTING_PROBLEM in str(exc.problem) and loader is not yaml.SafeLoader:
            prescan(text, max_depth, loader=yaml.SafeLoader)
        raise


def _needs_prescan(text: str) -> bool:
    if "*" in text or "&" in text:
        return True
    indicators = sum(text.count(ch) for ch in "[{-:?")
    return indicators > _SAFE_INDICATOR_COUNT


def parse_yaml(text: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse one YAML document into plain data, or raise InputError with the line."""
    try:
        if _needs_prescan(text):
            prescan(text, max_depth)
        loader = _StrictLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        return None if node is None else _build(node, 0, max_depth)
    except _MarkedError as exc:
        raise InputError([Problem(exc.message, line=exc.line)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        raise InputError([Problem(f"invalid YAML: {what}", line=mark.line + 1 if mark else None)]) from None
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001
        # PyYAML raises non-YAMLError exceptions (IndexError, AttributeError, even
        # UnboundLocalError from the C composer) on some tiny malformed inputs.
        raise InputError([Problem(f"invalid YAML ({type(exc).__name__})")]) from None


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _MarkedError(f"duplicate key {key!r}: the earlier value would be silently lost", None)
        result[key] = value
    return result


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number")


def _duplicate_line(text: str) -> int | None:
    """JSON is YAML flow syntax: our YAML loader finds the duplicate key with its line."""
    try:
        parse_yaml(text)
    except InputError as exc:
        return exc.problems[0].line
    return None


def parse_json(text: str) -> Any:
    """Parse JSON, refusing duplicate keys and NaN/Infinity."""
    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)
    except _MarkedError as exc:
        raise InputError([Problem(exc.message, line=_duplicate_line(text))]) from None
    except json.JSONDecodeError as exc:
        raise InputError([Problem(f"invalid JSON: {exc.msg}", line=exc.lineno)]) from None
    except (RecursionError, ValueError) as exc:
        raise InputError([Problem(f"invalid JSON: {exc}")]) from None


def decode(data: bytes) -> str:
    """Decode a file's bytes as UTF-8, with a clear message for binary or other encodings."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([Problem("the file is UTF-16 text: save it as UTF-8")])
    if b"\x00" in data:
        raise InputError([Problem("this is a binary file, not a YAML or JSON text file")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError([Problem("the file is not valid UTF-8 text (save it as UTF-8)", line=line)]) from None


def size_limit() -> int:
    """The largest questionnaire or answers file we read: 1 MiB, or the environment's
    OUTSOURCE_ADVISOR_MAX_FILE_SIZE (bytes, or with a K or M suffix)."""
    raw = os.environ.get(SIZE_VARIABLE, "").strip().upper()
    if not raw:
        return MAX_FILE_BYTES
    factor = {"K": 1024, "M": 1024 * 1024}.get(raw[-1], 1)
    digits = raw[:-1] if factor > 1 else raw
    if not digits.isdigit() or int(digits) == 0:
        raise UsageError(f"{SIZE_VARIABLE}={raw!r}: give a size in bytes, like 2M or 512K")
    return int(digits) * factor


def read_text(path: Path | str, *, max_bytes: int | None = None) -> str:
    """Read a text file within the size limit; errors name the file."""
    max_bytes = size_limit() if max_bytes is None else max_bytes
    try:
        with open(path, "rb") as handle:
            # Ask for the file's own size, not the limit: a read allocates what it asks for, and
            # a megabyte per small file was most of the cost of reading thousands of them.
            size = os.fstat(handle.fileno()).st_size
            data = handle.read(min(size, max_bytes) + 1)
            if len(data) > size:  # a pipe or a growing file: read on, within the limit
                data += handle.read(max_bytes + 1 - len(data))
    except FileNotFoundError:
        raise InputError([Problem("no such file", file=str(path))]) from None
    except IsADirectoryError:
        raise InputError([Problem("this is a folder, not a file", file=str(path))]) from None
    except OSError as exc:
        raise InputError([Problem(f"cannot read: {exc.strerror}", file=str(path))]) from None
    if len(data) > max_bytes:
        limit = f"{max_bytes // 1024} KiB" if max_bytes % 1024 == 0 else f"{max_bytes} bytes"
        message = f"the file is larger than the {limit} limit (set {SIZE_VARIABLE} to allow more)"
        raise InputError([Problem(message, file=str(path))])
    try:
        return decode(data)
    except InputError as exc:
        raise exc.located(file=str(path)) from None


def is_json_name(name: str) -> bool:
    return name.lower().endswith(".json")


def parse_document(text: str, *, name: str) -> Any:
    """Parse text as JSON or YAML by its file name."""
    return parse_json(text) if is_json_name(name) else parse_yaml(text)


def load_document(path: Path | str, *, max_bytes: int | None = None) -> tuple[Any, str]:
    """Read and parse a YAML or JSON file; returns the data and the text (for line lookups)."""
    text = read_text(path, max_bytes=max_bytes)
    try:
        return parse_document(text, name=str(path)), text
    except InputError as exc:
        raise exc.located(file=str(path)) from None


def line_of(text: str, keys: tuple[str | int, ...]) -> int | None:
    """The 1-based line of the value at `keys` (e.g. ("answers", "channels")), if found.

    Used only on the error path, so re-parsing the text here costs nothing in the common case.
    """
    try:
        if _needs_prescan(text):
            prescan(text, MAX_DEPTH)
        node = yaml.compose(text, Loader=_BaseLoader)
    except Exception:  # noqa: BLE001 - a line number is a nicety; never fail for want of it
        return None
    line: int | None = None
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == key:
                    line, node = key_node.start_mark.line + 1, value_node
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if not 0 <= key < len(node.value):
                return line
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _both_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """YAML 1.1's implicit types and ours together: a string either would misread gets quotes."""
    merged: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}
    for table in (yaml.SafeDumper.yaml_implicit_resolvers, _StrictLoader.yaml_implicit_resolvers):
        for first, resolvers in table.items():
            merged.setdefault(first, []).extend(resolvers)
    return merged


class _Dumper(yaml.SafeDumper):
    """A safe dumper whose output our own loader reads back exactly.

    A string is written plain only when neither YAML 1.1 (other tools) nor our YAML 1.2
    resolvers would read it as something else: `NO`, `010`, `1e5` and `2024-01-02` get quotes.
    A string with any character that is not printable (line breaks, U+0085, U+2028, tabs,
    control characters) is written double-quoted, where every such character is escaped;
    the other styles would let a reader fold or normalise it.
    """

    yaml_implicit_resolvers = _both_resolvers()


def _represent_str(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    style = None if value.isprintable() else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: _Dumper, value: list[Any]) -> yaml.SequenceNode:
    """Lists of choices read best on one line: `activities: [seo, advertising]`."""
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)


def dump_yaml(data: Any) -> str:
    """Plain data as block YAML, keys in the given order, that `parse_yaml` reads back equal."""
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000))
