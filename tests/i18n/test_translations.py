"""Every text of a questionnaire exists in every language it declares, and `validate` says where
one is missing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import ROOT
from outsource_advisor.cli.app import app
from outsource_advisor.engine.lint import lint
from outsource_advisor.errors import Loc
from outsource_advisor.model.questionnaire import Questionnaire

SHIPPED = ROOT / "questionnaires" / "social-media.yaml"


def translated_texts(value: Any, loc: Loc = ()) -> list[Loc]:
    """Where the file has a text in both languages: every `{en: ..., it: ...}` map."""
    if isinstance(value, dict):
        if set(value) == {"en", "it"}:
            return [loc]
        return [found for key, child in value.items() for found in translated_texts(child, loc + (key,))]
    if isinstance(value, list):
        return [found for i, child in enumerate(value) for found in translated_texts(child, loc + (i,))]
    return []


def drop_language(value: Any, lang: str) -> None:
    if isinstance(value, dict):
        if set(value) == {"en", "it"}:
            value.pop(lang)
            return
        for child in value.values():
            drop_language(child, lang)
    elif isinstance(value, list):
        for child in value:
            drop_language(child, lang)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_every_text_of_the_questionnaire_is_checked_in_every_language(lang: str) -> None:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    texts = translated_texts(data)
    # questions, options, help, reasons, warnings, activities, readiness, legal, units: all of them
    assert len(texts) > 250
    drop_language(data, lang)
    reported = {p.loc for p in lint(Questionnaire.model_validate(data)) if p.message == f"no {lang} text"}
    assert reported == set(texts)


def test_validate_names_the_file_and_line_of_a_missing_italian_text(tmp_path: Path) -> None:
    lines = SHIPPED.read_text(encoding="utf-8").splitlines(keepends=True)
    target = next(i for i, line in enumerate(lines) if "Gestione del marchio online" in line)
    lines[target] = lines[target].replace(', it: "Gestione del marchio online"', "")
    path = tmp_path / "social-media.yaml"
    path.write_text("".join(lines), encoding="utf-8")

    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    activities = yaml.safe_load(path.read_text(encoding="utf-8"))["activities"]
    index = next(i for i, a in enumerate(activities) if a["id"] == "brand_management")
    assert warnings == [f"warning: {path}:{target + 1}: activities[{index}].name: no it text"]
    assert CliRunner().invoke(app, ["validate", "--strict", str(path)]).exit_code == 1


def test_a_language_the_program_cannot_label_is_reported() -> None:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    data["languages"] = ["en", "it", "fr"]
    messages = [str(p) for p in lint(Questionnaire.model_validate(data))]
    assert "languages[2]: the program has no report labels in 'fr': they would be shown in English" in messages
    assert any(m.endswith("no fr text") for m in messages)
