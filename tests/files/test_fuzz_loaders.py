"""Fuzzing every loader: whatever comes in, the program answers with a result or a clear
InputError, never another exception, never a hang."""

from __future__ import annotations

import copy
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BASE, QUESTIONNAIRE, ROOT, junk
from outsource_advisor.engine.scoring import score
from outsource_advisor.errors import InputError
from outsource_advisor.files.loading import Document, parse_questionnaire
from outsource_advisor.files.yamlio import decode, parse_json, parse_yaml
from outsource_advisor.model.answers import validate_answers
from outsource_advisor.render.json import render_json

YAML_CHARS = st.sampled_from(list("abc:-[]{}&*!|>'\"#%@`?,\n\t 019.~") + ["!!int", "!!python/object", "<<", "---"])


def survives(load: Callable[[], Any]) -> Any:
    """Run a loader: it may succeed or raise InputError with located, readable problems."""
    try:
        return load()
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.message and "Traceback" not in str(problem)
        return None


@given(st.binary(max_size=400))
def test_random_bytes(data: bytes) -> None:
    text = survives(lambda: decode(data))
    if text is not None:
        survives(lambda: parse_yaml(text))
        survives(lambda: parse_json(text))


@given(st.lists(YAML_CHARS, max_size=60).map("".join))
def test_random_yaml_like_text(text: str) -> None:
    data = survives(lambda: parse_yaml(text))
    if data is not None:
        survives(lambda: validate_answers(QUESTIONNAIRE, data))


@given(junk)
def test_random_documents_as_answers_files(data: Any) -> None:
    answers = survives(lambda: validate_answers(QUESTIONNAIRE, data))
    if answers is not None:
        json.loads(render_json(score(QUESTIONNAIRE, answers)))


@given(st.dictionaries(st.sampled_from([*QUESTIONNAIRE.questions, "x", "activity"]), junk, max_size=30))
def test_random_answer_maps(values: dict[str, Any]) -> None:
    answers = survives(lambda: validate_answers(QUESTIONNAIRE, {"answers": {**BASE, **values}}))
    if answers is not None:
        json.loads(render_json(score(QUESTIONNAIRE, answers)))


_SOURCE = (ROOT / "questionnaires" / "social-media.yaml").read_text(encoding="utf-8")
_DATA = yaml.safe_load(_SOURCE)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, child in node.items():
            found += _paths(child, (*path, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            found += _paths(child, (*path, i))
    return found


_ALL_PATHS = _paths(_DATA)[1:]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.sampled_from(_ALL_PATHS), junk)
def test_mutated_questionnaires(path: tuple[Any, ...], replacement: Any) -> None:
    data = copy.deepcopy(_DATA)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = replacement
    q = survives(lambda: parse_questionnaire(Document("q.yaml", data, _SOURCE)))
    if q is not None:
        answers = survives(lambda: validate_answers(q, {"answers": BASE}))
        if answers is not None:
            score(q, answers)


@pytest.mark.parametrize("seed", range(3))
def test_random_files_through_the_installed_command(
    seed: int, tmp_path: Path, run_installed: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    import random

    rng = random.Random(seed)
    for i in range(8):
        path = tmp_path / f"f{i}.{rng.choice(['yaml', 'json'])}"
        kind = rng.random()
        if kind < 0.3:
            path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(200))))
        elif kind < 0.6:
            path.write_text("".join(rng.choice("ab:-[]{}&*!'\"\n\t 01") for _ in range(80)), encoding="utf-8")
        else:
            answers = {**BASE, rng.choice(list(BASE)): rng.choice([None, "x", -1, [1], {"a": 1}, 1e300])}
            path.write_text(json.dumps({"answers": answers}), encoding="utf-8")
        result = run_installed("assess", str(path), "-f", "json")
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr
        if result.returncode == 1:
            assert result.stderr.startswith(f"error: {path}")
