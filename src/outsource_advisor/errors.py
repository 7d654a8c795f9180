"""Our own error types and exit codes: loaders raise the errors, only the CLI turns them into
messages and exit codes. Also the pieces every message is built from: a place in a file, and the
"did you mean" hint for a mistyped name."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import IntEnum
from typing import Any

Loc = tuple[str | int, ...]


class ExitCode(IntEnum):
    """The program's exit codes (the README's table)."""

    OK = 0
    INVALID_INPUT = 1  # an input is invalid; for a batch, no response could be scored
    USAGE = 2
    SOME_FAILED = 3  # a batch where some responses failed (the good ones are still written)
    INTERRUPTED = 130


def closest(value: str, candidates: list[str]) -> str | None:
    """The candidate a mistyped value most likely meant: one it begins, else the most similar."""
    import difflib  # only on the error path: the command line imports this module at start-up

    starts = [c for c in candidates if value and c.startswith(value)]
    if len(starts) == 1:
        return starts[0]
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(value: str, candidates: list[str]) -> str:
    """`; did you mean 'channels'?` for a mistyped name, or nothing when no candidate is close."""
    match = closest(value, candidates)
    return f"; did you mean {match!r}?" if match else ""


def format_loc(loc: Loc) -> str:
    """`("sections", 2, "questions", 0)` -> `sections[2].questions[0]`. A key that is empty or
    holds a newline or another unprintable character is quoted (`columns["\\n"]`), so a
    problem always stays on one line and says which key it means."""
    import json  # only when a problem is shown: the command line imports this module at start-up

    out = ""
    for part in loc:
        if isinstance(part, int) or not part or not part.isprintable():
            out += f"[{json.dumps(part)}]"
        else:
            out += f".{part}" if out else part
    return out


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located as precisely as we know.

    `loc` is the path inside the document, used to find the line and shown as `where`.
    """

    message: str
    file: str | None = None
    line: int | None = None
    loc: Loc = field(default=())

    @property
    def where(self) -> str:
        return format_loc(self.loc)

    def located(self, *, file: str | None = None, line: int | None = None) -> Problem:
        return replace(self, file=self.file or file, line=self.line or line)

    def __str__(self) -> str:
        place = ":".join(p for p in (self.file, str(self.line) if self.line else None) if p)
        return ": ".join(p for p in (place, self.where, self.message) if p)


class InputError(Exception):
    """An input file is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    def located(self, *, file: str | None = None, line: int | None = None) -> InputError:
        return InputError([p.located(file=file, line=line) for p in self.problems])


class UsageError(Exception):
    """The command line asks for something that cannot be done (exit code 2)."""


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def problems_from_pydantic(errors: list[Any], *, drop: frozenset[str] = frozenset()) -> list[Problem]:
    """Readable problems from `ValidationError.errors()`.

    `drop` names location parts that pydantic adds for tagged unions (the tag itself), which
    mean nothing to the person who wrote the file.
    """
    problems = []
    for err in errors:
        loc: list[str | int] = []
        for part in err["loc"]:
            if isinstance(part, str) and part in drop and loc and isinstance(loc[-1], int):
                continue
            loc.append(part)
        kind, msg = err["type"], str(err["msg"])
        if kind == "missing":
            message = "is required"
        elif kind == "extra_forbidden":
            message = "unknown key"
        elif kind == "union_tag_invalid":
            ctx = err.get("ctx", {})
            field = str(ctx.get("discriminator", "type")).strip("'")
            allowed = str(ctx.get("expected_tags", "")).replace("'", "")
            message = f"unknown {field} {ctx.get('tag')!r}; allowed: {allowed}"
        elif kind == "string_type" and isinstance(err.get("input"), int | float):
            message = f'must be text: put it in quotes, like "{err["input"]}"'
        elif kind in ("too_long", "string_too_long"):
            ctx, given = err.get("ctx", {}), err.get("input")
            limit = ctx.get("max_length")
            if isinstance(given, str):
                message = f"must be text of at most {limit} characters (got {len(given)})"
            else:
                message = f"must have at most {limit} entries (got {ctx.get('actual_length')})"
        elif kind == "dict_type":
            message = f"must be a mapping of names to values (got {_short(err.get('input'))})"
        elif kind == "list_type":
            message = f"must be a list (got {_short(err.get('input'))})"
        else:
            message = msg.removeprefix("Value error, ").replace("Input should be", "must be")
            message = message[0].lower() + message[1:] if message else message
            if not isinstance(err.get("input"), dict | list) and "input" in err:
                message += f" (got {_short(err['input'])})"
        problems.append(Problem(message, loc=tuple(loc)))
    return problems
