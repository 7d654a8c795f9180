"""Columns of a CSV survey export, and how each becomes an answer.

Without a mapping, a CSV has a column per question id, plus an optional `respondent`; a
multiple-choice cell lists its values separated by `;`. A real form export (Google Forms,
Microsoft Forms) has the question texts as headers, labels such as "Sì"/"No" as values, and
columns that are not answers at all (a timestamp, an e-mail): a column mapping file
(`--columns`, see `examples/forms-columns.yaml`) says what each header and label means.

The header is checked once per file: a column that is neither mapped nor a question id is one
error for the file, not one per row. Each row then becomes an answers envelope the ordinary
validators check, so a bad cell gets the message `assess` would give.
"""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from outsource_advisor.errors import InputError, Problem, did_you_mean, problems_from_pydantic
from outsource_advisor.files.loading import read_document
from outsource_advisor.model.compiled import InvalidAnswer, compiled_of
from outsource_advisor.model.conditions import Scalar
from outsource_advisor.model.questionnaire import MultiChoice, NumberQuestion, Questionnaire, TextQuestion
from outsource_advisor.model.vocabulary import UNKNOWN

SKIP = "skip"
RESPONDENT = "respondent"
DEFAULT_SEPARATOR = ";"
NOT_A_LABEL: Any = object()
_TOKENS = itertools.count()
_DECIMAL_COMMA = re.compile(r"^\s*[-+]?\d+,\d+\s*$")


def normal(text: str) -> str:
    """Headers and labels compared as a person reads them: runs of white space are one space."""
    return " ".join(text.split())


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Column(_Frozen):
    """What one column of the export holds."""

    question: str = Field(description="A question id, `respondent`, or `skip` for a column that is not an answer.")
    values: dict[str, Scalar] = Field(
        default={}, description="Answer labels as the export writes them, and the value each stands for."
    )
    separator: str | None = Field(
        default=None,
        min_length=1,
        description="How a multiple-choice cell separates the labels chosen (default: the mapping's separator).",
    )


def _column(value: Any) -> Any:
    """`Header: question_id` is short for `Header: {question: question_id}`."""
    return {"question": value} if isinstance(value, str) else value


class ColumnMapping(_Frozen):
    """A `--columns` file: how the headers and labels of a form export map to the questionnaire."""

    questionnaire: str | None = Field(default=None, description="The questionnaire these answers are for.")
    delimiter: str = Field(default=",", min_length=1, max_length=1, description="The CSV field delimiter.")
    separator: str = Field(
        default=DEFAULT_SEPARATOR, min_length=1, description="How multiple-choice cells separate their labels."
    )
    respondent: str | None = Field(
        default=None, description="The header of the column that names each respondent (it may also be an answer)."
    )
    decimal_comma: bool = Field(default=False, description="Numbers may be written with a decimal comma: 0,5.")
    values: dict[str, Scalar] = Field(
        default={},
        description="Labels that mean the same in every column but free text, such as Sì: yes or 'Non so': unknown.",
    )
    columns: dict[str, Annotated[Column, BeforeValidator(_column)]] = Field(
        description="Each header of the export: a question id, `respondent`, `skip`, or a column with value labels."
    )

    @field_validator("columns")
    @classmethod
    def _no_blank_headers(cls, columns: dict[str, Column]) -> dict[str, Column]:
        if any(not normal(header) for header in columns):
            raise ValueError("a header cannot be blank")
        return columns

    def column(self, header: str) -> Column | None:
        for name, spec in self.columns.items():
            if normal(name) == normal(header):
                return spec
        return None


def load_columns(path: Path) -> ColumnMapping:
    """Read and check a column mapping file; every problem comes with its line."""
    document = read_document(path)
    if not isinstance(document.data, dict):
        raise InputError([Problem("a column mapping must be a mapping with a 'columns:' section", file=document.name)])
    try:
        return ColumnMapping.model_validate(document.data)
    except ValidationError as exc:
        raise document.locate(problems_from_pydantic(exc.errors())) from None


@dataclass(frozen=True, slots=True)
class Cell:
    """How the cells of one column become an answer: labels looked up, lists split."""

    index: int
    question: str
    labels: dict[str, Any]
    folded: dict[str, Any]
    multi: bool
    separator: str
    longest: int  # the most separator-split pieces one label spans
    decimal_comma: bool  # a number question whose cells may read 0,5

    def lookup(self, text: str) -> Any:
        """The value a label stands for, or `NOT_A_LABEL`."""
        if not self.labels:
            return NOT_A_LABEL
        key = normal(text)
        if key in self.labels:
            return self.labels[key]
        return self.folded.get(key.casefold(), NOT_A_LABEL)

    def label(self, text: str) -> Any:
        """The value a label stands for, or the text itself (the validators say what is wrong)."""
        value = self.lookup(text)
        return text if value is NOT_A_LABEL else value

    def value(self, cell: str) -> Any:
        """The answer in a cell: None when empty; for multiple choice, the list of values."""
        if not cell or cell.isspace():
            return None
        whole = self.lookup(cell)
        if whole is not NOT_A_LABEL:
            return whole
        if self.decimal_comma and _DECIMAL_COMMA.match(cell):
            return cell.replace(",", ".")
        if not self.multi or cell.strip().lower() == UNKNOWN:
            return cell
        if self.longest == 1:
            return [self.label(piece) for piece in cell.split(self.separator)]
        return [self.label(piece) for piece in self.pieces(cell)]

    def pieces(self, cell: str) -> list[str]:
        """The labels in a multiple-choice cell. A label may itself contain the separator
        (Google Forms joins "Immagini, audio, video" and "SEO" with ", "), so the longest run of
        pieces that is a known label wins."""
        parts = cell.split(self.separator)
        out: list[str] = []
        i = 0
        while i < len(parts):
            for j in range(min(len(parts), i + self.longest), i, -1):
                joined = self.separator.join(parts[i:j])
                if j == i + 1 or self.lookup(joined) is not NOT_A_LABEL:
                    out.append(joined)
                    i = j
                    break
        return out


@dataclass(frozen=True, slots=True)
class ColumnPlan:
    """A CSV header, understood: which cell answers what. Plain data, so it can be sent to
    worker processes with the rows."""

    width: int
    respondent: int | None
    cells: tuple[Cell, ...]
    questions: frozenset[str]  # every question a column answers (an empty cell: not answered)
    token: str  # names this plan across processes (the quick path's memos are kept by it)

    def envelope(self, row: list[str]) -> dict[str, Any]:
        """One row as an answers file would hold it. Raises InputError if it has more cells
        than the header has columns (a cell would be lost)."""
        if len(row) > self.width:
            raise InputError([Problem(f"this row has {len(row)} cells but the header has {self.width} columns")])
        if len(row) < self.width:
            row = row + [""] * (self.width - len(row))
        respondent = row[self.respondent].strip() if self.respondent is not None else ""
        return {
            "respondent": respondent or None,
            "answers": {cell.question: cell.value(row[cell.index]) for cell in self.cells},
        }


def plan_columns(header: list[str], q: Questionnaire, mapping: ColumnMapping | None) -> ColumnPlan:
    """Understand a header, or raise InputError listing every column that cannot be understood."""
    problems: list[Problem] = []
    seen: set[str] = set()
    twice: set[int] = set()
    for index, name in enumerate(header):
        key = normal(name)
        if key in seen:
            problems.append(Problem(f"the column {name!r} appears twice"))
            twice.add(index)
        seen.add(key)
    separator = mapping.separator if mapping else DEFAULT_SEPARATOR
    shared = dict(mapping.values) if mapping else {}
    respondent: int | None = None
    cells: list[Cell] = []
    targets: dict[str, str] = {}
    for index, name in enumerate(header):
        if index in twice:
            continue
        if mapping is not None and mapping.respondent is not None and normal(name) == normal(mapping.respondent):
            respondent = index
        spec = mapping.column(name) if mapping is not None else None
        if spec is None:
            spec = _unmapped(name, q, mapping, respondent == index, problems)
            if spec is None:
                continue
        if spec.question == SKIP:
            continue
        if spec.question == RESPONDENT:
            respondent = index
            continue
        cq = compiled_of(q).by_id.get(spec.question)
        if cq is None:
            hint = did_you_mean(spec.question, list(compiled_of(q).by_id))
            problems.append(Problem(f"column {name!r} maps to unknown question {spec.question!r}{hint}"))
            continue
        if spec.question in targets:
            problems.append(
                Problem(f"columns {targets[spec.question]!r} and {name!r} both answer question {spec.question!r}")
            )
            continue
        targets[spec.question] = name
        common = {} if isinstance(cq.question, TextQuestion) else shared  # free text keeps its words
        labels = {normal(k): v for k, v in common.items()} | {normal(k): v for k, v in spec.values.items()}
        problems += _check_labels(name, spec, cq.validate)
        cells.append(
            Cell(
                index=index,
                question=spec.question,
                labels=labels,
                folded={k.casefold(): v for k, v in labels.items()},
                multi=isinstance(cq.question, MultiChoice),
                separator=spec.separator or separator,
                longest=max([1, *(label.count(spec.separator or separator) + 1 for label in labels)]),
                decimal_comma=bool(mapping and mapping.decimal_comma) and isinstance(cq.question, NumberQuestion),
            )
        )
    if problems:
        raise InputError(problems)
    return ColumnPlan(
        width=len(header),
        respondent=respondent,
        cells=tuple(cells),
        questions=frozenset(c.question for c in cells),
        token=f"{os.getpid()}-{next(_TOKENS)}",
    )


def _unmapped(
    name: str, q: Questionnaire, mapping: ColumnMapping | None, is_respondent: bool, problems: list[Problem]
) -> Column | None:
    """A header the mapping does not name: a question id or `respondent` as it is, else an error."""
    key = normal(name)
    if key in compiled_of(q).by_id or key == RESPONDENT:
        return Column(question=key)
    if is_respondent:
        return None
    if mapping is not None:
        problems.append(
            Problem(f"the column {name!r} is not in the column mapping: map it to a question id, or to skip")
        )
        return None
    hint = did_you_mean(key, [*compiled_of(q).by_id, RESPONDENT])
    problems.append(
        Problem(
            f"unknown column {name!r}{hint} (columns are question ids, plus respondent; "
            "map the headers of a form export with --columns)"
        )
    )
    return None


def _check_labels(name: str, spec: Column, validate: Any) -> list[Problem]:
    """Every label of a column must stand for a value its question accepts."""
    problems = []
    for label, value in spec.values.items():
        try:
            validate(value)
        except InvalidAnswer as exc:
            problems.append(Problem(f"column {name!r}: label {label!r} stands for a value the question refuses: {exc}"))
    return problems
