"""What the domain demands of the engine, stated generally and checked over many profiles."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import BASE, QUESTIONNAIRE, answer_values, answers_of
from outsource_advisor.engine.scoring import score
from outsource_advisor.model.compiled import compiled_of

EXPERTISE = ["none", "basic", "intermediate", "advanced"]
VOICE = ["low", "medium", "high"]


def scores_of(values: dict[str, Any]) -> dict[str, float]:
    return score(QUESTIONNAIRE, answers_of(values)).scores


def known(values: dict[str, Any]) -> dict[str, Any]:
    """Answers with no `unknown` in them (properties about an answer need the answer)."""
    return {k: v for k, v in values.items() if v != "unknown"}


@given(answer_values())
def test_scoring_is_deterministic_and_every_point_is_traced(values: dict[str, Any]) -> None:
    first = score(QUESTIONNAIRE, answers_of(values))
    assert first == score(QUESTIONNAIRE, answers_of(values))
    for outcome, total in first.scores.items():
        assert 0 <= total <= 100
        assert abs(sum(c.points[outcome] for c in first.contributions) - total) < 1e-6
    for c in first.contributions:
        assert c.reason.strip(), c
        assert "{" not in c.reason, c.reason


@given(answer_values(), st.floats(0, 168), st.floats(0, 168))
def test_more_internal_hours_never_favour_outsourcing(values: dict[str, Any], a: float, b: float) -> None:
    low, high = sorted((round(a, 2), round(b, 2)))
    before = scores_of({**values, "internal_hours_per_week": low})
    after = scores_of({**values, "internal_hours_per_week": high})
    assert after["outsourced"] <= before["outsourced"]
    assert after["in_house"] >= before["in_house"]


@given(answer_values(), st.integers(0, 2), st.booleans())
def test_more_expertise_never_favours_outsourcing(values: dict[str, Any], level: int, train: bool) -> None:
    # willing_to_train is only asked below advanced: the property must hold across that switch.
    values = {**values, "willing_to_train": train}
    before = scores_of({**values, "expertise_level": EXPERTISE[level]})
    after = scores_of({**values, "expertise_level": EXPERTISE[level + 1]})
    assert after["outsourced"] <= before["outsourced"]
    assert after["in_house"] >= before["in_house"]


@given(answer_values(), st.integers(0, 100_000), st.integers(0, 100_000))
def test_more_budget_never_lowers_outsourcing(values: dict[str, Any], a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert (
        scores_of({**values, "monthly_budget": high})["outsourced"]
        >= scores_of({**values, "monthly_budget": low})["outsourced"]
    )


@given(answer_values(), st.integers(0, 1))
def test_higher_voice_sensitivity_never_lowers_in_house(values: dict[str, Any], level: int) -> None:
    before = scores_of({**values, "voice_sensitivity": VOICE[level]})
    after = scores_of({**values, "voice_sensitivity": VOICE[level + 1]})
    assert after["in_house"] >= before["in_house"]


@given(answer_values())
def test_one_off_campaign_favours_outsourcing_at_least_as_much_as_a_presence(values: dict[str, Any]) -> None:
    campaign = scores_of({**values, "engagement_type": "one_off_campaign"})
    presence = scores_of({**values, "engagement_type": "ongoing_presence"})
    assert campaign["outsourced"] >= presence["outsourced"]


@given(answer_values())
def test_no_budget_never_yields_outsourcing(values: dict[str, Any]) -> None:
    result = score(QUESTIONNAIRE, answers_of({**values, "monthly_budget": 0}))
    assert result.recommendation != "outsourced"


@given(answer_values())
def test_social_strategy_is_never_fully_delegated(values: dict[str, Any]) -> None:
    values = {**values, "activities": ["social_strategy", "content_creation", "seo"]}
    result = score(QUESTIONNAIRE, answers_of(values))
    decision = {a.id: a.decision for a in result.activities}["social_strategy"]
    assert decision != "delegate"


@given(answer_values())
def test_delegated_monitoring_leaves_reading_the_results_in_house(values: dict[str, Any]) -> None:
    values = {**values, "activities": ["monitoring_measurement"]}
    result = score(QUESTIONNAIRE, answers_of(values))
    (monitoring,) = result.activities
    if monitoring.decision == "delegate":
        assert "reading the results" in monitoring.who_does_what
    elif monitoring.decision == "share":
        assert "read the results" in monitoring.who_does_what


@given(answer_values(), st.sampled_from(["none", "basic"]), st.integers(1, 50_000))
def test_little_expertise_with_will_to_train_means_agency_beside_staff(
    values: dict[str, Any], level: str, budget: int
) -> None:
    values = {**values, "expertise_level": level, "willing_to_train": True, "monthly_budget": budget}
    chosen = values["activities"] if isinstance(values["activities"], list) else []
    values["activities"] = sorted({*chosen, "training"})
    result = score(QUESTIONNAIRE, answers_of(values))
    assert result.recommendation == "hybrid"
    assert {a.id: a.decision for a in result.activities}["training"] == "delegate"


@given(answer_values())
def test_working_with_an_agency_always_keeps_internal_hours(values: dict[str, Any]) -> None:
    result = score(QUESTIONNAIRE, answers_of(values))
    assert result.costs.options["outsourced"].internal_hours_per_week > 0
    assert result.costs.options["hybrid"].internal_hours_per_week > 0


@given(answer_values())
def test_every_chosen_activity_appears_exactly_once(values: dict[str, Any]) -> None:
    result = score(QUESTIONNAIRE, answers_of(values))
    chosen = values["activities"] if values["activities"] != "unknown" else []
    assert sorted(a.id for a in result.activities) == sorted(chosen)
    for activity in result.activities:
        assert activity.decision in {"keep", "share", "delegate"}
        assert activity.reasons and all(r.strip() for r in activity.reasons)


@given(answer_values(unknown=False), st.data())
def test_unknown_answers_add_no_points_and_lower_confidence(values: dict[str, Any], data: st.DataObject) -> None:
    scored = [cq.id for cq in compiled_of(QUESTIONNAIRE).questions if cq.scored and cq.id in values]
    qid = data.draw(st.sampled_from(scored))
    sure = score(QUESTIONNAIRE, answers_of(values))
    unsure = score(QUESTIONNAIRE, answers_of({**values, qid: "unknown"}))
    points = {c.question: c.points for c in unsure.contributions}
    if qid in points:  # a hidden question has no contribution at all
        assert set(points[qid].values()) == {0.0}
        # Never higher; a light question may change it by less than the 0.01 it is rounded to.
        assert unsure.confidence <= sure.confidence


def test_a_weighty_unknown_visibly_lowers_confidence() -> None:
    values = {**BASE, "expertise_level": "advanced", "dedicated_staff": "team", "internal_hours_per_week": 15}
    sure = score(QUESTIONNAIRE, answers_of(values))
    unsure = score(QUESTIONNAIRE, answers_of({**values, "expertise_level": "unknown"}))
    assert sure.recommendation == "in_house"
    assert unsure.confidence <= sure.confidence - 0.05


@settings(max_examples=50)
@given(answer_values())
def test_recommendation_is_the_best_allowed_score_unless_a_rule_decides(values: dict[str, Any]) -> None:
    result = score(QUESTIONNAIRE, answers_of(values))
    top = max(result.scores.values())
    if result.decided_by is None:
        assert result.scores[result.recommendation] == top
    else:
        assert result.decided_by.reason.strip()


@given(answer_values())
def test_readiness_lists_the_four_items_in_order(values: dict[str, Any]) -> None:
    result = score(QUESTIONNAIRE, answers_of(values))
    assert [r.id for r in result.readiness] == [
        "shared_decisions",
        "business_strategy",
        "social_strategy",
        "contract",
    ]
    for check in result.readiness:
        assert check.met in (True, False, None)
        assert check.message.strip()
    by_id = {r.id: r for r in result.readiness}
    if values.get("has_business_strategy") == "unknown":
        assert by_id["business_strategy"].met is None
