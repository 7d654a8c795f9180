"""Reading questionnaires and answers files from disk: the one way files enter the program."""

from __future__ import annotations

import importlib.resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from outsource_advisor.errors import InputError, Problem, problems_from_pydantic
from outsource_advisor.files.yamlio import line_of, load_document, parse_document
from outsource_advisor.model.answers import Answers, validate_answers
from outsource_advisor.model.assessment import Assessment
from outsource_advisor.model.questionnaire import QUESTION_TYPES, Questionnaire

DEFAULT_QUESTIONNAIRE = "social-media"
SHIPPED_MAX_BYTES = 16 * 1024 * 1024


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


def _with_lines(problems: list[Problem], text: str, file: str) -> list[Problem]:
    return [p.located(file=file, line=line_of(text, p.loc) if p.loc else None) for p in problems]


def parse_questionnaire(data: Any, text: str, file: str) -> Questionnaire:
    """Validate parsed questionnaire data; every problem comes back with its line."""
    if not isinstance(data, dict):
        raise InputError([Problem("a questionnaire must be a mapping", file=file)])
    try:
        return Questionnaire.model_validate(data)
    except ValidationError as exc:
        problems = problems_from_pydantic(exc.errors(), drop=QUESTION_TYPES)
        raise InputError(_with_lines(problems, text, file)) from None
    except InputError as exc:
        raise InputError(_with_lines(exc.problems, text, file)) from None


def load_questionnaire(id_or_path: str | None = None) -> Questionnaire:
    path = resolve_questionnaire(id_or_path)
    # A shipped questionnaire is trusted: the size limit (which a user may lower) is for theirs.
    shipped = path.resolve().parent == builtin_dir().resolve()
    data, text = load_document(path, max_bytes=SHIPPED_MAX_BYTES if shipped else None)
    return parse_questionnaire(data, text, str(path))


def parse_assessment_result(data: Any, file: str) -> Assessment:
    """A saved JSON result (`assess -f json`) read back into an assessment."""
    from pydantic import TypeAdapter

    try:
        return TypeAdapter(Assessment).validate_python(data)
    except ValidationError as exc:
        problems = [p.located(file=file) for p in problems_from_pydantic(exc.errors())]
        raise InputError(problems) from None


def in_answers_file(exc: InputError, text: str, file: str) -> InputError:
    """A questionnaire an answers file names but that cannot be found is a mistake in that
    file: report it there, at the `questionnaire:` line."""
    line = line_of(text, ("questionnaire",))
    return InputError([p.located(file=file, line=line) for p in exc.problems])


def answers_questionnaire_id(data: Any) -> str | None:
    """The questionnaire an answers file says it is for, if it says so."""
    if isinstance(data, dict) and isinstance(data.get("questionnaire"), str):
        return str(data["questionnaire"])
    return None


def check_answers_text(
    questionnaire: Questionnaire, data: Any, text: str, file: str, *, partial: bool = False
) -> Answers:
    """Validate parsed answers; on failure every problem carries the file and its line."""
    try:
        return validate_answers(questionnaire, data, partial=partial)
    except InputError as exc:
        raise InputError(_with_lines(exc.problems, text, file)) from None


def read_answers(path: Path | str, *, max_bytes: int | None = None) -> tuple[Any, str]:
    """Parse an answers file (YAML or JSON) without validating it yet."""
    return load_document(path, max_bytes=max_bytes)


def parse_answers_text(text: str, name: str) -> Any:
    return parse_document(text, name=name)
