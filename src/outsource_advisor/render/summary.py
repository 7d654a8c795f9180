"""What every report says first: the runner-up, the main reasons, and the one-sentence summary.

Kept free of rich and Jinja2 so that the terminal, HTML and Markdown reports say the same
things in the same words.
"""

from __future__ import annotations

from outsource_advisor.i18n.messages import confidence_level, message
from outsource_advisor.i18n.wording import capitalize, format_decimal
from outsource_advisor.model.assessment import Assessment, Contribution

REASONS_SHOWN = 4
CHANGES_SHOWN = 3


def lead(contribution: Contribution, assessment: Assessment) -> float:
    """How many points one answer moved between the recommendation and the runner-up."""
    return contribution.points[assessment.recommendation] - contribution.points[assessment.runner_up]


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
        "runner_up": message(f"outcome_the.{assessment.runner_up}", lang),
        "margin": format_decimal(abs(assessment.margin), lang, 1),
        "level": level,
        "percent": str(round(assessment.confidence * 100)),
    }
    if assessment.decided_by is not None:
        return message("summary_by_rule", lang).format(reason=assessment.decided_by.reason, **fields)
    return message("summary", lang).format(**fields)


def phase_period(start: int, end: int | None, lang: str) -> str:
    """`Months 1–6`, `Month 7`, `From month 7`."""
    if end is None:
        return message("phase.from", lang).format(start=start)
    if end == start:
        return message("phase.month", lang).format(start=start)
    return message("phase.months", lang).format(start=start, end=end)


def robustness_sentence(assessment: Assessment, lang: str) -> str:
    """How the recommendation held up when every weight was shaken, in one sentence."""
    r = assessment.robustness
    assert r is not None
    return message("robustness.sentence", lang).format(
        percent=format_decimal(r.perturbation * 100, lang, 0),
        runs=r.runs,
        outcome=message(f"outcome.{assessment.recommendation}", lang),
        kept=format_decimal(r.kept * 100, lang, 1),
        label=message(f"robustness.{r.label}", lang),
    )
