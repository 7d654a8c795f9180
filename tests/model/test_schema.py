"""The JSON Schemas are generated from the models; the committed copies must not drift."""

from __future__ import annotations

import json

import pytest

from conftest import QUESTIONNAIRE, ROOT
from outsource_advisor.model.schema import answers_schema, questionnaire_schema

COMMITTED = {
    "questionnaire.schema.json": questionnaire_schema,
    "social-media.answers.schema.json": lambda: answers_schema(QUESTIONNAIRE),
}


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_committed_schema_matches_the_code(name: str) -> None:
    committed = json.loads((ROOT / "schemas" / name).read_text(encoding="utf-8"))
    assert committed == COMMITTED[name](), (
        f"schemas/{name} is out of date: regenerate it with 'outsource-advisor questionnaire schema ...' (see README)"
    )
