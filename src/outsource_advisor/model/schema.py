"""JSON Schemas for editors: the questionnaire format, and the answers to one questionnaire."""

from __future__ import annotations

from typing import Any

from outsource_advisor.model.answers import AnswersFile
from outsource_advisor.model.questionnaire import (
    BooleanQuestion,
    MultiChoice,
    NumberQuestion,
    Question,
    Questionnaire,
    SingleChoice,
    TextQuestion,
)
from outsource_advisor.model.text import localize
from outsource_advisor.model.vocabulary import UNKNOWN

_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def questionnaire_schema() -> dict[str, Any]:
    schema = Questionnaire.model_json_schema(by_alias=True)
    return {"$schema": _DRAFT, "$id": "outsource-advisor/questionnaire.schema.json", **schema}


def _question_schema(q: Questionnaire, question: Question) -> dict[str, Any]:
    unknown = {"const": UNKNOWN, "description": "don't know"}
    described = {"description": localize(question.text, "en", q.default_language)}
    if isinstance(question, SingleChoice):
        return {**described, "enum": [o.value for o in question.options] + [UNKNOWN]}
    if isinstance(question, MultiChoice):
        item = {"enum": [o.value for o in q.options_of(question)]}
        array: dict[str, Any] = {
            "type": "array",
            "items": item,
            "uniqueItems": True,
            "minItems": question.min_selected,
        }
        if question.max_selected is not None:
            array["maxItems"] = question.max_selected
        return {**described, "anyOf": [array, unknown]}
    if isinstance(question, NumberQuestion):
        number: dict[str, Any] = {"type": "integer" if question.integer else "number"}
        if question.min is not None:
            number["minimum"] = question.min
        if question.max is not None:
            number["maximum"] = question.max
        return {**described, "anyOf": [number, unknown]}
    if isinstance(question, BooleanQuestion):
        return {**described, "anyOf": [{"type": "boolean"}, unknown]}
    assert isinstance(question, TextQuestion)
    return {**described, "type": "string", "maxLength": question.max_length}


def answers_schema(q: Questionnaire) -> dict[str, Any]:
    """The answers file format, with every question of `q` and its allowed values."""
    schema = AnswersFile.model_json_schema()
    schema["properties"]["questionnaire"] = {"const": q.id}
    schema["properties"]["answers"] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {qid: _question_schema(q, question) for qid, question in q.questions.items()},
    }
    return {"$schema": _DRAFT, "$id": f"outsource-advisor/{q.id}.answers.schema.json", **schema}
