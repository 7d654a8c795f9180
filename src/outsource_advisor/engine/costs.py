"""What each outcome would cost, from the activity plan and the questionnaire's assumptions.

Pure arithmetic on the plan: internal hours for what the company keeps (more at the start),
agency fees for what it hands over, and the hours an agency still needs for alignment.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from outsource_advisor.model.assessment import OptionCost
from outsource_advisor.model.questionnaire import CostModel
from outsource_advisor.model.vocabulary import Decision


class CostFigures(Protocol):
    """An activity's cost assumptions: the catalog's own (an `Activity`), or with an answers
    file's overrides applied (an `ActivityCost`)."""

    @property
    def hours_per_week(self) -> float: ...
    @property
    def agency_fee_per_month(self) -> float: ...
    @property
    def per_unit(self) -> bool: ...
    @property
    def startup_only(self) -> bool: ...


def unit_factor(model: CostModel, units: float | None) -> float:
    """Each unit (a channel, here) beyond the first adds a share of a per-unit activity's work."""
    extra = max(0.0, (units or 1) - 1)
    return 1.0 + model.extra_unit_share * extra


def estimate(
    model: CostModel,
    plan: Sequence[tuple[CostFigures, Decision]],
    *,
    works_with_agency: bool,
    units: float | None,
    hourly_cost: float | None,
    horizon_months: float,
) -> OptionCost:
    """Cost of one outcome's plan over the horizon.

    `works_with_agency` is true for an outcome that involves an agency at all: then at least
    the alignment hours are always counted (an agency integrates, it never fully replaces).
    """
    factor = unit_factor(model, units)
    agency_share = model.agency_share_when_shared
    hours_run = hours_start_only = 0.0
    fees_run = fees_start_only = 0.0
    handed_over = 0
    for activity, decision in plan:
        scale = factor if activity.per_unit else 1.0
        hours = activity.hours_per_week * scale
        fee = activity.agency_fee_per_month * scale
        if decision is Decision.KEEP:
            internal, agency = hours, 0.0
        elif decision is Decision.SHARE:
            internal, agency = hours * (1 - agency_share), fee * agency_share
            handed_over += 1
        else:
            internal, agency = 0.0, fee
            handed_over += 1
        if activity.startup_only:
            hours_start_only += internal
            fees_start_only += agency
        else:
            hours_run += internal
            fees_run += agency
    alignment = 0.0
    if works_with_agency or handed_over:
        alignment = model.alignment_hours_per_week + model.alignment_hours_per_activity * handed_over
    hours_week = hours_run + alignment
    hours_week_start = (hours_run + hours_start_only) * model.startup_multiplier + alignment
    fees_start = fees_run + fees_start_only
    start = min(model.startup_months, horizon_months)
    rest = horizon_months - start
    total_hours = (start * hours_week_start + rest * hours_week) * model.weeks_per_month
    monthly_cost = total_cost = None
    if hourly_cost is not None:
        monthly_cost = hours_week * model.weeks_per_month * hourly_cost + fees_run
        total_cost = total_hours * hourly_cost + start * fees_start + rest * fees_run
    return OptionCost(
        internal_hours_per_week=round(hours_week, 2),
        internal_hours_per_week_at_start=round(hours_week_start, 2),
        agency_fees_per_month=round(fees_run, 2),
        agency_fees_per_month_at_start=round(fees_start, 2),
        monthly_cost=None if monthly_cost is None else round(monthly_cost, 2),
        total_hours=round(total_hours, 1),
        total_cost=None if total_cost is None else round(total_cost, 2),
    )


def assumptions(model: CostModel) -> dict[str, float]:
    """The assumptions behind every estimate, listed in the output."""
    return {
        name: float(getattr(model, name))
        for name in (
            "weeks_per_month",
            "startup_months",
            "startup_multiplier",
            "alignment_hours_per_week",
            "alignment_hours_per_activity",
            "extra_unit_share",
            "agency_share_when_shared",
        )
    }
