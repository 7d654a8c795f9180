"""Shared data for the interview tests: what a person types, and the steps they see."""

from __future__ import annotations

from typing import Any

from conftest import EXAMPLES, QUESTIONNAIRE
from outsource_advisor.files.loading import read_document
from outsource_advisor.interview.loop import Step
from outsource_advisor.model.compiled import compiled_of

# What the owner of a family bakery types, question by question (examples/bakery.yaml).
TYPED = {
    "company_name": "Forno Rossi",
    "company_size": "1",
    "channels": "2",
    "internal_hours_per_week": "1",
    "dedicated_staff": "none",
    "expertise_level": "Basic",
    "willing_to_train": "yes",
    "has_monitoring_tools": "no",
    "engagement_type": "3",
    "campaign_duration_months": "24",
    "weeks_to_launch": "4",
    "monthly_budget": "300",
    "internal_hourly_cost": "25",
    "voice_sensitivity": "high",
    "communication_subject": "brand",
    "management_involvement": "regular",
    "has_business_strategy": "sì",
    "has_social_strategy": "n",
    "handles_personal_data": "yes",
    "shares_confidential_info": "no",
    "contract_ready": "",
    "previous_attempt": "abandoned",
    "activities": "3 6 7, 11 14",
}
# ...which is the example file, with the optional contract question skipped.
BAKERY = {**read_document(EXAMPLES / "bakery.yaml").data["answers"], "contract_ready": None}

_SECTIONS = {q.id: s for s in QUESTIONNAIRE.sections for q in s.questions}


def step(qid: str, *, number: int = 2, current: Any = ..., note: str = "") -> Step:
    """The interview step for a question of the default questionnaire (`current` given: answered)."""
    cq = compiled_of(QUESTIONNAIRE).by_id[qid]
    return Step(
        question=cq,
        options=tuple(QUESTIONNAIRE.options_of(cq.question)),
        section=_SECTIONS[qid],
        number=number,
        total=23,
        answered=current is not ...,
        current=None if current is ... else current,
        note=note,
    )
