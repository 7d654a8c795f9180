"""The questionnaire format, the shipped questionnaire, and the answer contract it must keep."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import QUESTIONNAIRE, ROOT
from outsource_advisor.engine.lint import lint
from outsource_advisor.errors import InputError
from outsource_advisor.files.loading import load_questionnaire
from outsource_advisor.model.questionnaire import (
    BooleanQuestion,
    MultiChoice,
    NumberQuestion,
    SingleChoice,
    TextQuestion,
)

ACTIVITIES = [
    "social_strategy",
    "editorial_calendar",
    "content_creation",
    "multimedia_production",
    "seo",
    "profile_management",
    "community_management",
    "monitoring_measurement",
    "reputation_management",
    "brand_management",
    "advertising",
    "blog_management",
    "direct_marketing",
    "training",
]
# The answer contract of ../shared/DOMAIN.md, written out here independently of the YAML.
CONTRACT: dict[str, tuple[str, Any]] = {
    "company_name": ("text", None),
    "company_size": ("single_choice", ["micro", "small", "medium", "large"]),
    "channels": ("integer", (1, 20)),
    "internal_hours_per_week": ("number", (0, 168)),
    "dedicated_staff": ("single_choice", ["none", "part_time", "full_time", "team"]),
    "expertise_level": ("single_choice", ["none", "basic", "intermediate", "advanced"]),
    "willing_to_train": ("boolean", None),
    "has_monitoring_tools": ("boolean", None),
    "engagement_type": ("single_choice", ["one_off_campaign", "recurring_campaigns", "ongoing_presence"]),
    "campaign_duration_months": ("number", (1, 120)),
    "weeks_to_launch": ("number", (0, 104)),
    "monthly_budget": ("number", (0, None)),
    "internal_hourly_cost": ("number", (0, None)),
    "voice_sensitivity": ("single_choice", ["low", "medium", "high"]),
    "communication_subject": ("single_choice", ["products", "brand", "both"]),
    "management_involvement": ("single_choice", ["none", "occasional", "regular"]),
    "has_business_strategy": ("boolean", None),
    "has_social_strategy": ("boolean", None),
    "handles_personal_data": ("boolean", None),
    "shares_confidential_info": ("boolean", None),
    "previous_attempt": ("single_choice", ["never", "abandoned", "running_in_house", "outsourced_before"]),
    "activities": ("multi_choice", ACTIVITIES),
}


@pytest.mark.parametrize("qid", sorted(CONTRACT))
def test_the_answer_contract_is_kept(qid: str) -> None:
    kind, values = CONTRACT[qid]
    question = QUESTIONNAIRE.questions[qid]
    if kind == "text":
        assert isinstance(question, TextQuestion) and not question.required
    elif kind == "single_choice":
        assert isinstance(question, SingleChoice)
        assert [o.value for o in question.options] == values
    elif kind == "multi_choice":
        assert isinstance(question, MultiChoice)
        assert [o.value for o in QUESTIONNAIRE.options_of(question)] == values
    elif kind == "boolean":
        assert isinstance(question, BooleanQuestion)
    else:
        assert isinstance(question, NumberQuestion)
        assert (question.min, question.max) == values
        assert question.integer is (kind == "integer")
    assert question.required is (qid not in {"company_name", "internal_hourly_cost"})


def test_every_text_has_help_and_both_languages() -> None:
    assert QUESTIONNAIRE.languages == ["en", "it"]
    for question in QUESTIONNAIRE.questions.values():
        assert question.help
    assert lint(QUESTIONNAIRE) == []


@pytest.mark.parametrize("path", sorted((ROOT / "questionnaires").glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_questionnaire_loads_and_lints_clean(path: Path) -> None:
    assert lint(load_questionnaire(str(path))) == []


def _broken(tmp_path: Path, change: Any) -> list[str]:
    data = yaml.safe_load((ROOT / "questionnaires" / "social-media.yaml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "q.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_questionnaire(str(path))
    return [str(p).removeprefix(f"{path}:") for p in info.value.problems]


def test_cross_references_name_their_place(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["sections"][1]["questions"][0]["when"] = {"question": "seo_skill", "equals": True}
        data["rules"][0]["if"] = {"question": "expertise_level", "in": ["guru"]}
        data["activities"][0]["legal"] = ["copyright"]
        data["rules"][1]["set_activities"][0]["activities"] = ["tiktok"]

    problems = _broken(tmp_path, change)
    assert any("sections[1].questions[0].when: names unknown question 'seo_skill'" in p for p in problems)
    assert any("rules[0].if: question 'expertise_level' has no option 'guru'" in p for p in problems)
    assert any("activities[0].legal[0]: names unknown legal exposure 'copyright'" in p for p in problems)
    assert any("rules[1].set_activities[0].activities[0]: names unknown activity 'tiktok'" in p for p in problems)
    assert all(p.split(":")[0].isdigit() for p in problems), problems  # each has its line


def test_unknown_keys_and_bad_types_are_rejected(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["sections"][0]["questions"][1]["colour"] = "blue"
        data["sections"][0]["questions"][2]["type"] = "slider"

    problems = _broken(tmp_path, change)
    assert any("sections[0].questions[1].colour: unknown key" in p for p in problems)
    assert any("sections[0].questions[2]" in p and "slider" in p for p in problems)


def test_a_when_must_look_back_not_forward(tmp_path: Path) -> None:
    def change(data: dict[str, Any]) -> None:
        data["sections"][0]["questions"][1]["when"] = {"question": "monthly_budget", "at_least": 1}

    assert any("must be asked before this one" in p for p in _broken(tmp_path, change))


def test_lint_finds_gaps_overlaps_and_unreachable_outcomes() -> None:
    data = yaml.safe_load((ROOT / "questionnaires" / "social-media.yaml").read_text(encoding="utf-8"))
    weeks = next(q for s in data["sections"] for q in s["questions"] if q["id"] == "weeks_to_launch")
    weeks["bands"][0]["below"] = 2  # gap between 2 and 3
    weeks["bands"][1]["below"] = 12  # overlaps the band from 9
    # Every answer now gives outsourced one point less than hybrid: it can never come first.
    for section in data["sections"]:
        for q in section["questions"]:
            parts = q.get("options", []) + q.get("bands", []) + q.get("curve", [])
            parts += [q[key] for key in ("if_yes", "if_no") if key in q]
            for part in parts:
                if "points" in part:
                    part["points"]["outsourced"] = part["points"].get("hybrid", 0) - 1
    for activity in data["activities"]:
        if activity["id"] == "seo":
            for entry in activity["plan"].values():
                entry["decision"] = "keep"
    from outsource_advisor.model.questionnaire import Questionnaire

    messages = [str(p) for p in lint(Questionnaire.model_validate(data))]
    assert any("gap: no band covers 2 to 3" in m for m in messages)
    assert any("overlaps the next band (from 9)" in m for m in messages)
    assert any("no answers can make 'outsourced' the recommendation" in m for m in messages)
    assert any("activity 'seo' is never delegated" in m for m in messages)
