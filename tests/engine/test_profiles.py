"""Business profiles traced to the source articles, each with the answer the domain gives.

Every expectation here was reasoned from ../shared/DOMAIN.md and the seed articles before the
engine was run, not copied from its output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import BASE, EXAMPLES, QUESTIONNAIRE, assess
from outsource_advisor.engine.scoring import score
from outsource_advisor.files.loading import check_answers, read_document


def example(name: str):  # type: ignore[no-untyped-def]
    return score(QUESTIONNAIRE, check_answers(read_document(EXAMPLES / name), QUESTIONNAIRE))


def decisions(result) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {a.id: a.decision for a in result.activities}


def test_bakery_takes_the_agency_beside_trained_staff_path() -> None:
    # seed 000 case 2: little know-how + will to train -> start with an agency beside staff.
    result = example("bakery.yaml")
    assert result.recommendation == "hybrid"
    plan = decisions(result)
    assert plan["training"] == "delegate"
    # seed 001: day-to-day replies carry the bakery's own voice.
    assert plan["profile_management"] == "keep"
    assert plan["community_management"] == "keep"
    assert plan["content_creation"] == "delegate"  # seed 002: the most outsourced activity
    assert "missing_social_strategy" in result.warning_codes
    assert {r.id: r.met for r in result.readiness}["social_strategy"] is False


def test_one_off_campaign_with_money_and_no_skills_is_outsourced() -> None:
    # seed 000 case 3: fixed end, tight start -> an agency; seed 004: strategy stays shared.
    result = example("manufacturer-campaign.yaml")
    assert result.recommendation == "outsourced"
    assert decisions(result)["social_strategy"] == "share"
    assert decisions(result)["monitoring_measurement"] == "delegate"
    readiness = {r.id: r.met for r in result.readiness}
    assert readiness["contract"] is False  # seed 003: no contract yet, and work is handed over
    assert "confidentiality" in result.warning_codes


def test_hotel_with_a_working_team_stays_in_house() -> None:
    # seed 001: the theory says in-house when people, skills and voice are there.
    result = example("hotel.json")
    assert result.recommendation == "in_house"
    assert set(decisions(result).values()) == {"keep"}
    assert {r.id: r.met for r in result.readiness}["contract"] is True  # nothing handed over
    assert result.confidence >= 0.9


def test_no_time_no_money_no_skills_is_told_the_cheapest_path() -> None:
    # DOMAIN: lack of resources can be an alibi; name the cheapest viable path, not outsourcing.
    result = example("workshop-no-resources.yaml")
    assert result.recommendation == "in_house"
    assert result.decided_by is not None and result.decided_by.rule == "no_budget_no_agency"
    assert {"no_viable_option", "presence_at_risk", "missing_business_strategy"} <= set(result.warning_codes)
    cheapest = next(w.message for w in result.warnings if w.code == "no_viable_option")
    assert "one channel" in cheapest


def test_conflicting_forces_give_the_middle_way() -> None:
    # seed 001: theory says in-house (voice), reality says outsource (no time): the truth is in the middle.
    result = assess(
        internal_hours_per_week=1,
        dedicated_staff="none",
        voice_sensitivity="high",
        communication_subject="brand",
        monthly_budget=1000,
    )
    assert result.recommendation == "hybrid"


def test_expert_without_time_is_hybrid_not_in_house() -> None:
    result = assess(expertise_level="advanced", internal_hours_per_week=1, dedicated_staff="none", monthly_budget=1500)
    assert result.recommendation == "hybrid"


def test_skilled_staff_with_no_budget_stay_in_house_without_budget_alarm() -> None:
    # seed 002 comment: no money, no make-or-buy; but with time and skills in-house works.
    result = assess(monthly_budget=0, internal_hours_per_week=6, expertise_level="intermediate")
    assert result.recommendation == "in_house"
    assert "budget_too_low" not in result.warning_codes
    assert "presence_at_risk" not in result.warning_codes


def test_no_involvement_warns_whatever_the_outcome() -> None:
    # seed 000 closing, 002, 004: without involvement every option fails.
    for hours in (0, 20):
        result = assess(management_involvement="none", internal_hours_per_week=hours)
        assert "no_involvement" in result.warning_codes
        assert {r.id: r.met for r in result.readiness}["shared_decisions"] is False


def test_outsourcing_with_own_voice_keeps_approval_in_house() -> None:
    # seed 001: an agency's idea of the brand drifts; keep approval of voice-heavy work.
    result = assess(
        expertise_level="none",
        willing_to_train=False,
        internal_hours_per_week=0,
        dedicated_staff="none",
        monthly_budget=3000,
        engagement_type="one_off_campaign",
        voice_sensitivity="high",
        activities=["profile_management", "seo"],
    )
    assert result.recommendation == "outsourced"
    assert "voice_drift" in result.warning_codes
    assert decisions(result) == {"seo": "delegate", "profile_management": "share"}


def test_in_house_buys_specialist_skills_when_it_can() -> None:
    # seed 002 comment: vertical skills are bought in even by those who do the rest themselves.
    result = assess(
        dedicated_staff="full_time",
        internal_hours_per_week=20,
        expertise_level="intermediate",
        monthly_budget=600,
        voice_sensitivity="high",
        communication_subject="brand",
        activities=["content_creation", "seo", "advertising"],
    )
    assert result.recommendation == "in_house"
    assert decisions(result) == {"content_creation": "keep", "seo": "share", "advertising": "share"}


# The forms-* examples are a survey export and its column mapping (see test_batch.py).
ANSWERS_EXAMPLES = sorted(p for p in EXAMPLES.glob("*.*") if not p.name.startswith("forms-"))


@pytest.mark.parametrize("path", ANSWERS_EXAMPLES, ids=lambda p: Path(p).name)
def test_every_example_is_valid_and_scores(path: Path) -> None:
    answers = check_answers(read_document(path), QUESTIONNAIRE)
    assert score(QUESTIONNAIRE, answers).recommendation in {"in_house", "hybrid", "outsourced"}


def test_base_profile_is_complete() -> None:
    assert set(BASE) == set(QUESTIONNAIRE.questions) - {"contract_ready"}
