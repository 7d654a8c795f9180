"""What every report says first: the runner-up, the main reasons, and the one-sentence summary.

Kept free of rich and Jinja2 so that the terminal, HTML and Markdown reports say the same
things in the same words.
"""

from __future__ import annotations

from outsource_advisor.assessment import Assessment, Contribution
from outsource_advisor.conditions import OUTCOMES
from outsource_advisor.i18n import confidence_level, message
from outsource_advisor.wording import capitalize, format_decimal

REASONS_SHOWN = 4


def runner_up(assessment: Assessment) -> str:
    """The outcome the margin is measured against: the engine measures it against the best
    other outcome a rule has not ruled out, so the best other score is not always it. It is
    the best-scoring other outcome that the margin fits."""
    scores, rec = assessment.scores, assessment.recommendation
    others = sorted((o for o in OUTCOMES if o != rec), key=lambda o: scores[o], reverse=True)
    for other in others:
        if round(scores[rec] - scores[other], 2) == assessment.margin:
            return other
    return others[0]


def lead(contribution: Contribution, assessment: Assessment) -> float:
    """How many points one answer moved between the recommendation and the runner-up."""
    return contribution.points[assessment.recommendation] - contribution.points[runner_up(assessment)]


def main_reasons(assessment: Assessment) -> tuple[list[Contribution], list[Contribution]]:
    """The answers that most pushed the recommendation ahead of the runner-up, and against it."""
    scored = [(c, lead(c, assessment)) for c in assessment.contributions if c.question is not None]
    pros = sorted((item for item in scored if item[1] > 0), key=lambda item: item[1], reverse=True)
    cons = sorted((item for item in scored if item[1] < 0), key=lambda item: item[1])
    return [c for c, _ in pros[:REASONS_SHOWN]], [c for c, _ in cons[:REASONS_SHOWN]]


def summary_sentence(assessment: Assessment, lang: str) -> str:
    """Recommendation, margin and confidence in one sentence a business owner understands."""
    level = message(f"confidence.{confidence_level(assessment.confidence)}", lang)
    fields = {
        "outcome": capitalize(message(f"outcome_the.{assessment.recommendation}", lang)),
        "runner_up": message(f"outcome_the.{runner_up(assessment)}", lang),
        "margin": format_decimal(abs(assessment.margin), lang, 1),
        "level": level,
        "percent": str(round(assessment.confidence * 100)),
    }
    if assessment.decided_by is not None:
        return message("summary_by_rule", lang).format(reason=assessment.decided_by.reason, **fields)
    return message("summary", lang).format(**fields)
