"""Re-assessment: what changed between two assessments of the same company."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from outsource_advisor.model.assessment import Assessment
from outsource_advisor.model.vocabulary import OUTCOMES, Outcome


@dataclass(frozen=True, slots=True)
class AnswerChange:
    question: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class ScoreChange:
    old: float
    new: float
    change: float


@dataclass(frozen=True, slots=True)
class DecisionChange:
    """An activity whose decision changed; None where it was not chosen in that assessment."""

    id: str
    name: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class Comparison:
    old_source: str
    new_source: str
    changed: bool
    recommendation: dict[str, str]
    scores: dict[Outcome, ScoreChange]
    answers: list[AnswerChange]
    activities: list[DecisionChange]
    warnings_added: list[str]
    warnings_removed: list[str]
    notes: list[str]


def compare(old: Assessment, new: Assessment, old_source: str, new_source: str) -> Comparison:
    """Answers, scores, recommendation, each activity's decision and warnings, old against new."""
    answers = [
        AnswerChange(qid, old.answers.get(qid), new.answers.get(qid))
        for qid in _ordered_keys(old.answers, new.answers)
        if old.answers.get(qid) != new.answers.get(qid)
    ]
    scores = {o: ScoreChange(old.scores[o], new.scores[o], round(new.scores[o] - old.scores[o], 2)) for o in OUTCOMES}
    old_plan = {a.id: a for a in old.activities}
    new_plan = {a.id: a for a in new.activities}
    activities = [
        DecisionChange(
            aid,
            (new_plan.get(aid) or old_plan[aid]).name,
            old_plan[aid].decision if aid in old_plan else None,
            new_plan[aid].decision if aid in new_plan else None,
        )
        for aid in _ordered_keys(old_plan, new_plan)
        if (old_plan[aid].decision if aid in old_plan else None)
        != (new_plan[aid].decision if aid in new_plan else None)
    ]
    old_codes, new_codes = old.warning_codes, new.warning_codes
    added = [c for c in new_codes if c not in old_codes]
    removed = [c for c in old_codes if c not in new_codes]
    notes = []
    if (old.questionnaire.id, old.questionnaire.version) != (new.questionnaire.id, new.questionnaire.version):
        notes.append(
            f"scored with different questionnaires: {old.questionnaire.id} {old.questionnaire.version} "
            f"and {new.questionnaire.id} {new.questionnaire.version}"
        )
    changed = bool(
        answers
        or activities
        or added
        or removed
        or old.recommendation != new.recommendation
        or any(s.change for s in scores.values())
    )
    return Comparison(
        old_source=old_source,
        new_source=new_source,
        changed=changed,
        recommendation={"old": old.recommendation, "new": new.recommendation},
        scores=scores,
        answers=answers,
        activities=activities,
        warnings_added=added,
        warnings_removed=removed,
        notes=notes,
    )


def _ordered_keys(first: dict[str, Any], second: dict[str, Any]) -> list[str]:
    """Keys of both, in first-seen order."""
    return list(dict.fromkeys([*first, *second]))
