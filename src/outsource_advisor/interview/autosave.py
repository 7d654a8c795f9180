"""The interview's answers file: saved after every answer, read back to resume.

It is the file `assess` reads (the same envelope) with `complete` saying whether every shown
question has been put to the person. A question left unanswered on purpose is saved as an
empty value (`internal_hourly_cost: null`), which `assess` reads as not answered and a resumed
interview does not ask again. YAML unless the name ends in `.json`; both are written so that
our loader reads back exactly what was saved (see `files.yamlio.dump_yaml`).
"""

from __future__ import annotations

import itertools
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from outsource_advisor.errors import InputError, UsageError
from outsource_advisor.files.atomic import write_atomic
from outsource_advisor.files.loading import (
    Document,
    check_answers,
    load_questionnaire,
    questionnaire_for,
    read_document,
)
from outsource_advisor.files.yamlio import dump_yaml, is_json_name
from outsource_advisor.interview.loop import InterviewState, is_complete, progress
from outsource_advisor.model.answers import check_values, read_envelope
from outsource_advisor.model.questionnaire import Questionnaire


def answers_document(questionnaire: Questionnaire, state: InterviewState) -> dict[str, Any]:
    """The answers file's content, keys in the order a person reads them."""
    document: dict[str, Any] = {"questionnaire": questionnaire.id, "questionnaire_version": questionnaire.version}
    for key, value in (("respondent", state.name), ("date", state.date), ("interviewer", state.interviewer)):
        if value:
            document[key] = value
    document["complete"] = is_complete(questionnaire, state)
    if state.notes:
        document["notes"] = dict(state.notes)
    if state.assumptions:
        document["assumptions"] = state.assumptions
    document["answers"] = dict(state.values)
    return document


def dump_answers(questionnaire: Questionnaire, state: InterviewState, name: str) -> str:
    """The file's text: JSON for a `.json` name, else YAML with a comment saying how far it got.
    JSON escapes every non-ASCII character, so no text can fail to encode."""
    document = answers_document(questionnaire, state)
    if is_json_name(name):
        return json.dumps(document, indent=2) + "\n"
    done, total = progress(questionnaire, state)
    if document["complete"]:
        header = "# Answers from an outsource-advisor interview.\n"
    else:
        header = (
            f"# Answers from an outsource-advisor interview, not finished: {done} of {total} questions answered.\n"
            "# Continue it with: outsource-advisor interview --answers <this file>\n"
        )
    return header + dump_yaml(document)


def save_answers(path: Path, questionnaire: Questionnaire, state: InterviewState) -> None:
    """Replace the file in one step (temp file, fsync, rename): never half a file."""
    write_atomic(path, dump_answers(questionnaire, state, path.name))


def load_state(document: Document, questionnaire: Questionnaire) -> tuple[InterviewState, str | None]:
    """The answers in a file, to resume; also the questionnaire version they were written for.

    Every answer is kept, hidden ones included. An invalid file is refused with every problem
    and its line (InputError) rather than partly loaded, so a resumed interview never drops
    what someone wrote there.
    """
    check_answers(document, questionnaire, partial=True)
    envelope = read_envelope(document.data)
    values, _ = check_values(questionnaire, envelope.answers)
    skipped = {qid for qid, value in envelope.answers.items() if value is None}
    state = InterviewState(
        values={qid: values.get(qid) for qid in questionnaire.questions if qid in values or qid in skipped},
        notes=dict(envelope.notes),
        respondent=envelope.respondent,
        date=envelope.date,
        interviewer=envelope.interviewer,
        assumptions=envelope.assumptions.model_dump(exclude_none=True) if envelope.assumptions else None,
    )
    return state, envelope.questionnaire_version


def default_answers_path(questionnaire: Questionnaire, today: str, folder: Path = Path()) -> Path:
    """`answers-<questionnaire>-<date>.yaml` in the current folder, or the first `-2`, `-3`...
    that is free or holds an unfinished interview to resume: a finished one is never reopened
    by accident, nor a file that is not ours."""
    names = (f"answers-{questionnaire.id}-{today}{'' if n == 1 else f'-{n}'}.yaml" for n in itertools.count(1))
    paths = map(folder.joinpath, names)
    return next(path for path in paths if not path.exists() or _is_unfinished(path, questionnaire))


def _is_unfinished(path: Path, questionnaire: Questionnaire) -> bool:
    try:
        envelope = read_envelope(read_document(path).data)
    except InputError:
        return False
    return envelope.complete is False and envelope.questionnaire in (None, questionnaire.id)


def check_writable(path: Path) -> None:
    """Refuse at the start, not after the first answer, a place where answers cannot be saved."""
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"{path}: cannot save answers there: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise UsageError(f"{path}: cannot save answers there: the folder {folder} is not writable")


@dataclass(frozen=True, slots=True)
class Session:
    """An interview about to start: where it saves, and what is already answered."""

    questionnaire: Questionnaire
    path: Path
    state: InterviewState
    resumed: bool
    written_for: str | None = None


def open_session(
    questionnaire: str | None, answers: Path | None, *, today: str, interviewer: str | None = None
) -> Session:
    """Pick the questionnaire and the answers file; load the file when it exists (resume).

    The questionnaire is the one asked for, else the one an existing file names, else the default.
    """
    document: Document | None = None
    if answers is not None and answers.exists():
        document = read_document(answers)
        q = questionnaire_for(document, questionnaire)
        path = answers
    else:
        q = load_questionnaire(questionnaire)
        path = answers or default_answers_path(q, today)
    check_writable(path)
    if not path.exists():
        return Session(q, path, InterviewState(date=today, interviewer=interviewer), resumed=False)
    state, version = load_state(document or read_document(path), q)
    state = replace(state, date=state.date or today, interviewer=interviewer or state.interviewer)
    return Session(q, path, state, resumed=True, written_for=version if version != q.version else None)
