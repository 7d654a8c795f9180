"""The scoring engine: `score(questionnaire, answers) -> Assessment`.

Pure and deterministic: no I/O, no clock, no randomness. Every point of every score comes
from one answer and carries the reason written for it in the questionnaire.

`decide` is the lean core (scores and recommendation only, no texts): `score` builds on it, and
the decision-support checks re-run it many times with changed answers or perturbed weights.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from outsource_advisor import __version__
from outsource_advisor.engine.costs import CostFigures, assumptions, estimate
from outsource_advisor.i18n.messages import message
from outsource_advisor.i18n.wording import answer_label, format_decimal
from outsource_advisor.model.answers import Answers
from outsource_advisor.model.assessment import (
    ActivityCost,
    ActivityPlan,
    Assessment,
    Contribution,
    Costs,
    DecidedBy,
    OptionCost,
    Phase,
    QuestionnaireRef,
    ReadinessCheck,
    Warning,
)
from outsource_advisor.model.compiled import CompiledQuestion, CompiledQuestionnaire, Reason, Terms, Triple, compiled_of
from outsource_advisor.model.memo import Memo
from outsource_advisor.model.questionnaire import (
    Activity,
    ActivityChange,
    CostModel,
    CostOverrides,
    Questionnaire,
    Rule,
    WarningSpec,
)
from outsource_advisor.model.text import localize
from outsource_advisor.model.vocabulary import OUTCOMES, UNKNOWN, Decision, Outcome, is_number

# On a tie the middle way wins, then in-house: "the truth is in the middle".
_TIE_ORDER = ("hybrid", "in_house", "outsourced")
_SCALED_LIMIT = 4096
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")

ScoredAnswer = tuple[CompiledQuestion, Any, Terms | None, Reason | None]


@dataclass(frozen=True, slots=True)
class Choice:
    """Scores and recommendation, before any text: what the engine decides."""

    scores: dict[str, float]
    recommendation: Outcome
    overriding_rule: Rule | None
    rivals: list[Outcome]
    forbidden: dict[Outcome, Rule]


def shown_values(
    compiled: CompiledQuestionnaire, values: dict[str, Any]
) -> tuple[list[CompiledQuestion], dict[str, Any]]:
    """The questions shown for these answers, and the answers to them only."""
    shown = compiled.visible(values)
    return shown, {cq.id: values[cq.id] for cq in shown if cq.id in values}


def scored_answers(shown: list[CompiledQuestion], values: dict[str, Any]) -> list[ScoredAnswer]:
    """Each shown scored question with an answer: its terms and reason (none for `unknown`)."""
    result: list[ScoredAnswer] = []
    for cq in shown:
        if cq.terms is None or cq.id not in values:
            continue
        value = values[cq.id]
        if value == UNKNOWN:
            result.append((cq, value, None, None))
            continue
        found = cq.terms(value)
        if found is not None:
            result.append((cq, value, found[0], found[1]))
    return result


# Scaled points already worked out, per compiled questionnaire and terms: a survey repeats the
# same answers. The engine's own memo, beside the compiled questionnaire, never inside it.
_SCALED: Memo[CompiledQuestionnaire, dict[Terms, Triple]] = Memo(lambda compiled: {})


def contribution_points(compiled: CompiledQuestionnaire, terms: Terms) -> Triple:
    """An answer's points on the 0..100 scale, rounded to 0.01 as shown to the user."""
    return _scaled_points(compiled, terms, _SCALED(compiled))


def _scaled_points(compiled: CompiledQuestionnaire, terms: Terms, memo: dict[Terms, Triple]) -> Triple:
    known = memo.get(terms)
    if known is not None:
        return known
    raw = compiled.points(terms)
    scale = compiled.scale
    points = (
        round(raw[0] * scale, 2) + 0.0,
        round(raw[1] * scale, 2) + 0.0,
        round(raw[2] * scale, 2) + 0.0,
    )
    if len(memo) < _SCALED_LIMIT:  # a number curve's terms vary with the answer
        memo[terms] = points
    return points


def sum_scores(compiled: CompiledQuestionnaire, scored: list[ScoredAnswer]) -> dict[str, float]:
    """50 for every outcome plus each answer's contribution, summed in a fixed order."""
    memo = _SCALED(compiled)
    in_house = hybrid = outsourced = 50.0
    for _, _, terms, _ in scored:
        if terms is not None:
            points = _scaled_points(compiled, terms, memo)
            in_house += points[0]
            hybrid += points[1]
            outsourced += points[2]
    return {"in_house": round(in_house, 2), "hybrid": round(hybrid, 2), "outsourced": round(outsourced, 2)}


def decisive_rules(compiled: CompiledQuestionnaire, values: dict[str, Any]) -> tuple[dict[Outcome, Rule], list[Rule]]:
    """Outcomes ruled out (with the first rule that did it), and the rules requiring one, in order."""
    forbidden: dict[Outcome, Rule] = {}
    required: list[Rule] = []
    for cr in compiled.rules:
        rule = cr.rule
        if not (rule.forbid or rule.require) or not cr.check(values, None):
            continue
        for outcome in rule.forbid:
            forbidden.setdefault(outcome, rule)
        if rule.require is not None:
            required.append(rule)
    return forbidden, required


def best(scores: dict[str, float], candidates: list[Outcome]) -> Outcome:
    return max(candidates, key=lambda o: (scores[o], -_TIE_ORDER.index(o)))


def choose(scores: dict[str, float], forbidden: dict[Outcome, Rule], required: list[Rule]) -> Choice:
    """A required outcome if one is allowed, else the best allowed score.

    The rivals are the outcomes the scores could still have chosen instead (none when a rule
    fixed the outcome); the overriding rule is the one that set aside the top score, if any.
    """
    top = best(scores, list(OUTCOMES))
    allowed = [o for o in OUTCOMES if o not in forbidden] or list(OUTCOMES)
    for rule in required:
        outcome = rule.require
        assert outcome is not None
        if outcome in allowed:
            return Choice(scores, outcome, None if outcome == top else rule, [], forbidden)
    choice = best(scores, allowed)
    rivals = [o for o in allowed if o != choice]
    return Choice(scores, choice, None if choice == top else forbidden[top], rivals, forbidden)


def decide(questionnaire: Questionnaire, values: dict[str, Any]) -> Choice:
    """Scores and recommendation for these answers (hidden ones are ignored), fast and text-free."""
    compiled = compiled_of(questionnaire)
    shown, kept = shown_values(compiled, values)
    forbidden, required = decisive_rules(compiled, kept)
    return choose(sum_scores(compiled, scored_answers(shown, kept)), forbidden, required)


class _Context:
    """What one scoring run needs at hand: the questionnaire, the answers, the language."""

    def __init__(self, questionnaire: Questionnaire, answers: Answers, lang: str | None) -> None:
        self.q = questionnaire
        self.compiled = compiled_of(questionnaire)
        self.values = answers.values
        self.overrides = answers.assumptions
        self.lang = lang if lang in questionnaire.languages else questionnaire.default_language

    def text(self, text: str | dict[str, str] | None, **extra: str) -> str:
        """Localise a text and fill its placeholders: `{value}`, `{currency}`, or a question id."""
        raw = localize(text, self.lang, self.q.default_language)
        if "{" not in raw:
            return raw

        def fill(match: re.Match[str]) -> str:
            key = match.group(1)
            if key in extra:
                return extra[key]
            if key == "currency":
                return self.q.currency
            if key in self.values:
                return answer_label(self.q, key, self.values[key], self.lang)
            return match.group(0)

        return _PLACEHOLDER.sub(fill, raw)


def score(questionnaire: Questionnaire, answers: Answers, *, lang: str | None = None) -> Assessment:
    """Score validated answers: scores, recommendation, plan, readiness, warnings, costs, phases."""
    ctx = _Context(questionnaire, answers, lang)
    q, values = questionnaire, ctx.values
    shown = ctx.compiled.visible(values)
    scored = scored_answers(shown, values)
    forbidden, required = decisive_rules(ctx.compiled, values)
    choice = choose(sum_scores(ctx.compiled, scored), forbidden, required)
    recommendation, scores = choice.recommendation, choice.scores
    second = runner_up(scores, recommendation, forbidden)
    plans = {o: plan_for(q, values, o) for o in OUTCOMES}
    activities = _describe_plan(ctx, plans[recommendation])
    costs = _costs(ctx, plans)
    decided_by = None
    if choice.overriding_rule is not None:
        decided_by = DecidedBy(choice.overriding_rule.id, ctx.text(choice.overriding_rule.reason))
    return Assessment(
        questionnaire=QuestionnaireRef(q.id, q.version),
        program_version=__version__,
        respondent=answers.respondent,
        recommendation=recommendation,
        scores=scores,
        runner_up=second,
        margin=round(scores[recommendation] - scores[second], 2),
        confidence=confidence(q, values, shown, scores, recommendation, choice.rivals),
        decided_by=decided_by,
        contributions=_contributions(ctx, scored),
        activities=activities,
        readiness=_readiness(ctx, activities),
        warnings=_warnings(ctx, recommendation, costs.options[recommendation].agency_fees_per_month),
        costs=costs,
        phases=_phases(ctx, recommendation, plans),
        answers=dict(values),
    )


def _contributions(ctx: _Context, scored: list[ScoredAnswer]) -> list[Contribution]:
    result = [Contribution(None, None, dict.fromkeys(OUTCOMES, 50.0), message("baseline", ctx.lang))]
    for cq, value, terms, reason in scored:
        if terms is None:
            result.append(
                Contribution(cq.id, UNKNOWN, dict.fromkeys(OUTCOMES, 0.0), message("unknown_answer", ctx.lang))
            )
            continue
        points = contribution_points(ctx.compiled, terms)
        label = answer_label(ctx.q, cq.id, value, ctx.lang)
        result.append(
            Contribution(cq.id, value, dict(zip(OUTCOMES, points, strict=True)), ctx.text(reason, value=label))
        )
    return result


def runner_up(scores: dict[str, float], recommendation: Outcome, forbidden: dict[Outcome, Rule]) -> Outcome:
    """The outcome the margin is measured against: the best other one a rule has not ruled out."""
    others = [o for o in OUTCOMES if o != recommendation]
    open_others = [o for o in others if o not in forbidden]
    return best(scores, open_others or others)


def chosen_activities(q: Questionnaire, values: dict[str, Any]) -> list[Activity]:
    """The activities the answers chose, in catalog order."""
    qid = q.activities_question
    chosen = values.get(qid) if qid else None
    if not isinstance(chosen, list):
        return []
    picked = set(chosen)
    return [a for a in q.activities if a.id in picked]


Plan = list[tuple[Activity, Decision, list[Any]]]


def plan_for(q: Questionnaire, values: dict[str, Any], outcome: Outcome) -> Plan:
    """Each chosen activity's decision under one outcome, with its reasons (as texts)."""
    plan: Plan = [
        (activity, activity.plan[outcome].decision, [activity.plan[outcome].reason])
        for activity in chosen_activities(q, values)
    ]
    for cr in compiled_of(q).rules:
        if not cr.rule.set_activities or not cr.check(values, outcome):
            continue
        for change in cr.rule.set_activities:
            for i, (activity, decision, reasons) in enumerate(plan):
                if not _matches(change, activity, decision):
                    continue
                if change.decision is Decision.DELEGATE and not activity.can_delegate:
                    continue
                if change.decision is decision:
                    plan[i] = (activity, decision, [*reasons, change.reason])
                else:
                    plan[i] = (activity, change.decision, [change.reason])
    return plan


def _matches(change: ActivityChange, activity: Activity, decision: Decision) -> bool:
    return (
        (change.activities is None or activity.id in change.activities)
        and (change.skill is None or activity.skill in change.skill)
        and (change.voice is None or activity.voice in change.voice)
        and (change.only_if is None or decision in change.only_if)
    )


def _describe_plan(ctx: _Context, plan: Plan) -> list[ActivityPlan]:
    return [
        ActivityPlan(
            id=activity.id,
            name=ctx.text(activity.name),
            decision=decision,
            reasons=[ctx.text(r) for r in reasons],
            who_does_what=_who_does_what(ctx, activity, decision),
            legal=list(activity.legal),
        )
        for activity, decision, reasons in plan
    ]


def _who_does_what(ctx: _Context, activity: Activity, decision: Decision) -> str:
    if decision is Decision.SHARE:
        return ctx.text(activity.split)
    if decision is Decision.KEEP:
        return message("who_keep", ctx.lang)
    if activity.company_keeps is not None:
        return message("who_delegate_keeps", ctx.lang).format(keeps=ctx.text(activity.company_keeps))
    return message("who_delegate", ctx.lang)


def number_answer(values: dict[str, Any], qid: str | None) -> float | None:
    value = values.get(qid) if qid else None
    return float(value) if is_number(value) else None


def activity_costs(activities: list[Activity], overrides: CostOverrides | None) -> dict[str, ActivityCost]:
    """Each activity's cost assumptions, with the answers file's overrides applied."""
    result = {}
    for activity in activities:
        own = overrides.activities.get(activity.id) if overrides else None
        result[activity.id] = ActivityCost(
            hours_per_week=_pick(own and own.hours_per_week, activity.hours_per_week),
            agency_fee_per_month=_pick(own and own.agency_fee_per_month, activity.agency_fee_per_month),
            per_unit=_pick(own and own.per_unit, activity.per_unit),
            startup_only=_pick(own and own.startup_only, activity.startup_only),
        )
    return result


def _pick(override: Any, default: Any) -> Any:
    return default if override is None else override


def cost_model(q: Questionnaire, overrides: CostOverrides | None) -> CostModel:
    """The questionnaire's cost assumptions with the answers file's overrides applied."""
    if overrides is None:
        return q.costs
    return q.costs.model_copy(update=overrides.model_dump(exclude_none=True, exclude={"activities"}))


def option_cost(
    q: Questionnaire, values: dict[str, Any], overrides: CostOverrides | None, plan: Plan, outcome: Outcome
) -> OptionCost:
    """What one outcome's plan would cost."""
    model = cost_model(q, overrides)
    horizon = number_answer(values, model.inputs.horizon_months)
    figures: list[tuple[CostFigures, Decision]]
    if overrides is None or not overrides.activities:  # the catalog's own figures
        figures = [(activity, decision) for activity, decision, _ in plan]
    else:
        per_activity = activity_costs([activity for activity, _, _ in plan], overrides)
        figures = [(per_activity[activity.id], decision) for activity, decision, _ in plan]
    return estimate(
        model,
        figures,
        works_with_agency=outcome != "in_house",
        units=number_answer(values, model.inputs.units),
        hourly_cost=number_answer(values, model.inputs.hourly_cost),
        horizon_months=horizon if horizon is not None else float(model.default_horizon_months),
    )


def _costs(ctx: _Context, plans: dict[Outcome, Plan]) -> Costs:
    overrides = ctx.overrides
    model = cost_model(ctx.q, overrides)
    horizon = number_answer(ctx.values, model.inputs.horizon_months)
    options = {outcome: option_cost(ctx.q, ctx.values, overrides, plan, outcome) for outcome, plan in plans.items()}
    changes = overrides.model_dump(exclude_none=True, exclude={"activities"}) if overrides else {}
    overridden = sorted(changes) + sorted(
        f"activities.{aid}.{key}"
        for aid, own in (overrides.activities.items() if overrides else [])
        for key in own.model_dump(exclude_none=True)
    )
    return Costs(
        ctx.q.currency,
        horizon if horizon is not None else float(model.default_horizon_months),
        number_answer(ctx.values, model.inputs.hourly_cost),
        options,
        assumptions(model),
        activity_costs(chosen_activities(ctx.q, ctx.values), overrides),
        overridden,
    )


def rule_warnings(q: Questionnaire, values: dict[str, Any], outcome: Outcome) -> list[WarningSpec]:
    """The rules' warnings for this outcome, in order, the first of each code."""
    found: dict[str, WarningSpec] = {}
    for cr in compiled_of(q).rules:
        spec = cr.rule.warn
        if spec is not None and spec.code not in found and cr.check(values, outcome):
            found[spec.code] = spec
    return list(found.values())


def budget_short(q: Questionnaire, values: dict[str, Any], fees: float) -> float | None:
    """The monthly budget when it is below the plan's agency fees, else None."""
    budget = number_answer(values, q.costs.inputs.budget)
    return budget if budget is not None and budget < fees else None


def _warnings(ctx: _Context, recommendation: Outcome, fees: float) -> list[Warning]:
    """Warnings from the rules, in order, one per code; then the budget check."""
    warnings = [Warning(spec.code, ctx.text(spec.message)) for spec in rule_warnings(ctx.q, ctx.values, recommendation)]
    spec = ctx.q.costs.budget_warning
    budget = budget_short(ctx.q, ctx.values, fees)
    if spec is not None and budget is not None and spec.code not in {w.code for w in warnings}:
        message_ = ctx.text(
            spec.message, budget=format_decimal(budget, ctx.lang), fees=format_decimal(fees, ctx.lang, 0)
        )
        warnings.append(Warning(spec.code, message_))
    return warnings


def _readiness(ctx: _Context, activities: list[ActivityPlan]) -> list[ReadinessCheck]:
    delegating = any(a.decision != Decision.KEEP for a in activities)
    checks = []
    for item in ctx.q.readiness:
        label = ctx.text(item.label)
        if item.only_if_delegating and not delegating:
            checks.append(ReadinessCheck(item.id, label, True, ctx.text(item.not_needed)))
            continue
        value = ctx.values.get(item.question)
        if value is None or value == UNKNOWN:
            checks.append(ReadinessCheck(item.id, label, None, ctx.text(item.unknown)))
        elif any(value == v and type(value) is type(v) for v in item.met_if):
            checks.append(ReadinessCheck(item.id, label, True, ctx.text(item.met)))
        else:
            checks.append(ReadinessCheck(item.id, label, False, ctx.text(item.missing)))
    return checks


def _phases(ctx: _Context, recommendation: Outcome, plans: dict[Outcome, Plan]) -> list[Phase]:
    """The first phased path whose condition holds, step by step, with each step's hand-overs."""
    for path, check in ctx.compiled.phases:
        if not check(ctx.values, recommendation):
            continue
        phases = []
        start = 1
        for step in path.steps:
            months = step.months if step.months is not None else number_answer(ctx.values, step.months_from)
            end = start + math.ceil(months) - 1 if months is not None else None
            outcome = recommendation if step.outcome == "recommended" else step.outcome
            plan = plans[outcome] if outcome is not None else []
            if start > ctx.q.costs.startup_months:  # start-up work (training) is over by then
                plan = [item for item in plan if not item[0].startup_only]
            phases.append(
                Phase(
                    from_month=start,
                    to_month=end,
                    outcome=outcome,
                    title=ctx.text(step.title),
                    text=ctx.text(step.text),
                    delegate=[ctx.text(a.name) for a, d, _ in plan if d is Decision.DELEGATE],
                    share=[ctx.text(a.name) for a, d, _ in plan if d is Decision.SHARE],
                )
            )
            if end is None:
                break
            start = end + 1
        return phases
    return []


def confidence(
    q: Questionnaire,
    values: dict[str, Any],
    shown: list[CompiledQuestion],
    scores: dict[str, float],
    recommendation: Outcome,
    rivals: list[Outcome],
) -> float:
    """How sure the recommendation is: the share of the scoring weight actually answered,
    times a closeness factor from the worst-case margin over the rivals still allowed: the lead
    that would remain if every unanswered or `unknown` question went against the recommendation.

    So a `don't know` can only lower the confidence. When rules leave no rival, closeness is full.
    """
    total = answered = 0.0
    open_questions = []
    for cq in shown:
        if not cq.scored:
            continue
        total += cq.swing
        value = values.get(cq.id)
        if value is None or value == UNKNOWN:
            open_questions.append(cq)
        else:
            answered += cq.swing
    coverage = answered / total if total else 1.0
    if not rivals:
        return round(coverage, 2)
    rec = OUTCOMES.index(recommendation)
    scale = compiled_of(q).scale
    worst = min(
        scores[recommendation]
        - scores[rival]
        + scale * sum(cq.worst_lead(rec, OUTCOMES.index(rival)) for cq in open_questions)
        for rival in rivals
    )
    closeness = 0.5 + 0.5 * min(1.0, max(0.0, worst) / q.confidence.margin_for_full)
    return round(coverage * closeness, 2)
