"""Reading questionnaires, answers files and saved results: the one door each kind of file
enters through.

A file is read and parsed once into a `Document`: its name, its data, and its text, which is
what it takes to place a problem on its line. An answers file comes in through `load_answers`
(or `answers_of`, for a document already read), which finds the questionnaire, checks the
answers against it and reports every problem with the file and the line. Batch uses the same
two steps, `questionnaire_for` and `check_answers`, with its quick path between them.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from outsource_advisor.errors import InputError, Loc, Problem, problems_from_pydantic
from outsource_advisor.files.yamlio import decode, line_of, load_document, parse_json, parse_yaml, size_limit
from outsource_advisor.model.answers import Answers, validate_answers
from outsource_advisor.model.assessment import Assessment
from outsource_advisor.model.questionnaire import QUESTION_TYPES, Questionnaire

DEFAULT_QUESTIONNAIRE = "social-media"
SHIPPED_MAX_BYTES = 16 * 1024 * 1024
STDIN = "-"
STDIN_NAME = "<stdin>"


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed file, and what it takes to place a problem in it: the name to show, and the
    text (none for a CSV row or a JSONL line, whose place is in the name)."""

    name: str
    data: Any
    text: str = ""

    def line(self, loc: Loc) -> int | None:
        """The line of the value at `loc`, if the text has it."""
        return line_of(self.text, loc) if loc and self.text else None

    def locate(self, problems: list[Problem]) -> InputError:
        """The problems, each with this document's name and its line."""
        return InputError([p.located(file=self.name, line=self.line(p.loc)) for p in problems])


@dataclass(frozen=True, slots=True)
class LoadedAnswers:
    """An answers file, checked: the questionnaire it was checked against, the answers, and the
    document they came from."""

    questionnaire: Questionnaire
    answers: Answers
    document: Document


def read_document(source: str | Path, *, stdin: IO[bytes] | None = None, max_bytes: int | None = None) -> Document:
    """Read and parse a YAML or JSON file (JSON for a `.json` name); `-` reads `stdin` when it is
    given (JSON when it starts with `{`). Nothing is validated yet."""
    if stdin is not None and str(source) == STDIN:
        return _read_stdin(stdin)
    data, text = load_document(source, max_bytes=max_bytes)
    return Document(str(source), data, text)


def _read_stdin(stdin: IO[bytes]) -> Document:
    limit = size_limit()
    raw = stdin.read(limit + 1)
    if len(raw) > limit:
        raise InputError([Problem(f"the input is larger than the {limit} bytes limit", file=STDIN_NAME)])
    try:
        text = decode(raw)
    except InputError as exc:
        raise exc.located(file=STDIN_NAME) from None
    return parse_text(text, STDIN_NAME, as_json=text.lstrip().startswith("{"))


def parse_text(text: str, name: str, *, as_json: bool) -> Document:
    """A text already read (standard input), parsed as JSON or YAML; problems name `name`."""
    try:
        data = parse_json(text) if as_json else parse_yaml(text)
    except InputError as exc:
        raise exc.located(file=name) from None
    return Document(name, data, text)


def load_answers(
    source: str | Path, *, questionnaire: str | None = None, partial: bool = False, stdin: IO[bytes] | None = None
) -> LoadedAnswers:
    """The door for an answers file: read it (`-`: standard input), find its questionnaire
    (`questionnaire`, else the one the file names, else the default) and check every answer;
    unless `partial`, every required question must be answered. Raises InputError listing
    every problem with the file and its line."""
    return answers_of(read_document(source, stdin=stdin), questionnaire=questionnaire, partial=partial)


def answers_of(document: Document, *, questionnaire: str | None = None, partial: bool = False) -> LoadedAnswers:
    """`load_answers` for a document already read (one that might have been something else)."""
    q = questionnaire_for(document, questionnaire)
    return LoadedAnswers(q, check_answers(document, q, partial=partial), document)


def questionnaire_for(
    document: Document, ref: str | None, load: Callable[[str | None], Questionnaire] | None = None
) -> Questionnaire:
    """The questionnaire to check a document's answers against: `ref`, else the one the answers
    name (then a name that cannot be found is a mistake in the answers file, and is reported
    there, at its `questionnaire:` line). `load` is `load_questionnaire`, or a caller's cache."""
    named = answers_questionnaire_id(document.data)
    try:
        return (load or load_questionnaire)(ref or named)
    except InputError as exc:
        if ref is None and named is not None and exc.problems[0].file is None:
            line = document.line(("questionnaire",))
            raise InputError([p.located(file=document.name, line=line) for p in exc.problems]) from None
        raise


def check_answers(document: Document, questionnaire: Questionnaire, *, partial: bool = False) -> Answers:
    """A document's answers validated; on failure every problem carries the file and its line."""
    try:
        return validate_answers(questionnaire, document.data, partial=partial)
    except InputError as exc:
        raise document.locate(exc.problems) from None


def answers_questionnaire_id(data: Any) -> str | None:
    """The questionnaire an answers file says it is for, if it says so."""
    if isinstance(data, dict) and isinstance(data.get("questionnaire"), str):
        return str(data["questionnaire"])
    return None


def builtin_dir() -> Path:
    """Where the shipped questionnaires are: inside the installed package, or, in a source
    checkout installed in editable mode, the top-level `questionnaires/` they are built from."""
    packaged = Path(str(importlib.resources.files("outsource_advisor"))) / "questionnaires"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "questionnaires"


def builtin_ids() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def resolve_questionnaire(id_or_path: str | None) -> Path:
    """A path as given, or the shipped questionnaire with that id."""
    name = id_or_path or DEFAULT_QUESTIONNAIRE
    path = Path(name)
    if path.suffix.lower() in {".yaml", ".yml", ".json"} or path.exists():
        return path
    shipped = builtin_dir() / f"{name}.yaml"
    if shipped.is_file():
        return shipped
    known = ", ".join(builtin_ids())
    raise InputError([Problem(f"no questionnaire {name!r}: give a file, or one of: {known}")])


def load_questionnaire(id_or_path: str | None = None) -> Questionnaire:
    path = resolve_questionnaire(id_or_path)
    # A shipped questionnaire is trusted: the size limit (which a user may lower) is for theirs.
    shipped = path.resolve().parent == builtin_dir().resolve()
    return parse_questionnaire(read_document(path, max_bytes=SHIPPED_MAX_BYTES if shipped else None))


def parse_questionnaire(document: Document) -> Questionnaire:
    """Validate a questionnaire document; every problem comes back with its line."""
    if not isinstance(document.data, dict):
        raise InputError([Problem("a questionnaire must be a mapping", file=document.name)])
    try:
        return Questionnaire.model_validate(document.data)
    except ValidationError as exc:
        raise document.locate(problems_from_pydantic(exc.errors(), drop=QUESTION_TYPES)) from None
    except InputError as exc:
        raise document.locate(exc.problems) from None


def is_assessment_result(document: Document) -> bool:
    """A saved JSON result (`assess -f json`) rather than an answers file."""
    return isinstance(document.data, dict) and "recommendation" in document.data and "scores" in document.data


def parse_assessment_result(document: Document) -> Assessment:
    """A saved JSON result read back into an assessment."""
    from pydantic import TypeAdapter

    try:
        return TypeAdapter(Assessment).validate_python(document.data)
    except ValidationError as exc:
        raise InputError([p.located(file=document.name) for p in problems_from_pydantic(exc.errors())]) from None
