"""The scoring engine: `score(questionnaire, answers) -> Assessment`.

Pure and deterministic: no I/O, no clock, no randomness. Every point of every score comes
from one answer and carries the reason written for it in the questionnaire.
"""

from __future__ import annotations

import re
from typing import Any

from outsource_advisor import __version__
from outsource_advisor.answers import Answers
from outsource_advisor.assessment import (
    ActivityPlan,
    Assessment,
    Contribution,
    Costs,
    DecidedBy,
    QuestionnaireRef,
    ReadinessCheck,
    Warning,
)
from outsource_advisor.compiled import CompiledQuestion, Triple
from outsource_advisor.conditions import OUTCOMES, UNKNOWN
from outsource_advisor.costs import assumptions, estimate
from outsource_advisor.i18n import message
from outsource_advisor.questionnaire import Activity, ActivityChange, Decision, Questionnaire
from outsource_advisor.text import localize
from outsource_advisor.wording import answer_label, format_decimal

# On a tie the middle way wins, then in-house: "the truth is in the middle".
_TIE_ORDER = ("hybrid", "in_house", "outsourced")
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


class _Context:
    """What one scoring run needs at hand: the questionnaire, the answers, the language."""

    def __init__(self, questionnaire: Questionnaire, answers: Answers, lang: str | None) -> None:
        self.q = questionnaire
        self.compiled = questionnaire.compiled
        self.values = answers.values
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
                return self.answer_label(key, self.values[key])
            return match.group(0)

        return _PLACEHOLDER.sub(fill, raw)

    def answer_label(self, qid: str, value: Any) -> str:
        """An answer as a person reads it: option labels, yes/no, numbers in the language."""
        return answer_label(self.q, qid, value, self.lang)


def score(questionnaire: Questionnaire, answers: Answers, *, lang: str | None = None) -> Assessment:
    """Score validated answers: scores, recommendation, plan, readiness, warnings, costs."""
    ctx = _Context(questionnaire, answers, lang)
    shown = ctx.compiled.visible(ctx.values)
    contributions = _contributions(ctx, shown)
    scores = {o: round(sum(c.points[o] for c in contributions), 2) for o in OUTCOMES}
    forbidden, required = _decisive_rules(ctx)
    recommendation, decided_by, rivals = _choose(scores, forbidden, required)
    runner_up = _runner_up(scores, recommendation, forbidden)
    margin = round(scores[recommendation] - scores[runner_up], 2)
    plans = {o: _plan(ctx, o) for o in OUTCOMES}
    activities = _describe_plan(ctx, plans[recommendation])
    costs = _costs(ctx, plans)
    warnings = _warnings(ctx, recommendation, costs)
    return Assessment(
        questionnaire=QuestionnaireRef(questionnaire.id, questionnaire.version),
        program_version=__version__,
        respondent=answers.respondent,
        recommendation=recommendation,
        scores=scores,
        margin=margin,
        confidence=_confidence(ctx, shown, scores, recommendation, rivals),
        decided_by=decided_by,
        contributions=contributions,
        activities=activities,
        readiness=_readiness(ctx, activities),
        warnings=warnings,
        costs=costs,
    )


def _contributions(ctx: _Context, shown: list[CompiledQuestion]) -> list[Contribution]:
    scale = ctx.compiled.scale
    result = [Contribution(None, None, dict.fromkeys(OUTCOMES, 50.0), message("baseline", ctx.lang))]
    for cq in shown:
        if cq.score is None or cq.id not in ctx.values:
            continue
        value = ctx.values[cq.id]
        if value == UNKNOWN:
            result.append(
                Contribution(cq.id, UNKNOWN, dict.fromkeys(OUTCOMES, 0.0), message("unknown_answer", ctx.lang))
            )
            continue
        scored = cq.score(value)
        if scored is None:
            continue
        points, reason = scored
        result.append(
            Contribution(
                cq.id,
                value,
                _scaled(points, scale),
                ctx.text(reason, value=ctx.answer_label(cq.id, value)),
            )
        )
    return result


def _scaled(points: Triple, scale: float) -> dict[str, float]:
    return {o: round(p * scale, 2) + 0.0 for o, p in zip(OUTCOMES, points, strict=True)}


def _decisive_rules(ctx: _Context) -> tuple[dict[str, Any], list[Any]]:
    """Outcomes ruled out (with the first rule that did it) and outcomes required, in order."""
    forbidden: dict[str, Any] = {}
    required: list[Any] = []
    for cr in ctx.compiled.rules:
        rule = cr.rule
        if not (rule.forbid or rule.require) or not cr.check(ctx.values, None):
            continue
        for outcome in rule.forbid:
            forbidden.setdefault(outcome.value, (rule, ctx.text(rule.reason)))
        if rule.require is not None:
            required.append((rule.require.value, rule, ctx.text(rule.reason)))
    return forbidden, required


def _best(scores: dict[str, float], candidates: list[str]) -> str:
    return max(candidates, key=lambda o: (scores[o], -_TIE_ORDER.index(o)))


def _choose(
    scores: dict[str, float], forbidden: dict[str, Any], required: list[Any]
) -> tuple[str, DecidedBy | None, list[str]]:
    """The recommendation: a required outcome if one is allowed, else the best allowed score.

    Also returns its rivals: the outcomes the scores could still have chosen instead (none when
    a rule fixed the outcome), and which rule overrode the top score, if one did.
    """
    top = _best(scores, list(OUTCOMES))
    allowed = [o for o in OUTCOMES if o not in forbidden] or list(OUTCOMES)
    for outcome, rule, reason in required:
        if outcome in allowed:
            return outcome, (None if outcome == top else DecidedBy(rule.id, reason)), []
    choice = _best(scores, allowed)
    rivals = [o for o in allowed if o != choice]
    if choice == top:
        return choice, None, rivals
    rule, reason = forbidden[top]
    return choice, DecidedBy(rule.id, reason), rivals


def _runner_up(scores: dict[str, float], recommendation: str, forbidden: dict[str, Any]) -> str:
    others = [o for o in OUTCOMES if o != recommendation]
    open_others = [o for o in others if o not in forbidden]
    return _best(scores, open_others or others)


def _chosen_activities(ctx: _Context) -> list[Activity]:
    qid = ctx.q.activities_question
    chosen = ctx.values.get(qid) if qid else None
    if not isinstance(chosen, list):
        return []
    picked = set(chosen)
    return [a for a in ctx.q.activities if a.id in picked]


Plan = list[tuple[Activity, Decision, list[Any]]]


def _plan(ctx: _Context, outcome: str) -> Plan:
    """Each chosen activity's decision under one outcome, with its reasons (as texts)."""
    plan: Plan = [
        (activity, activity.plan[outcome].decision, [activity.plan[outcome].reason])  # type: ignore[index]
        for activity in _chosen_activities(ctx)
    ]
    for cr in ctx.compiled.rules:
        if not cr.rule.set_activities or not cr.check(ctx.values, outcome):
            continue
        for change in cr.rule.set_activities:
            for i, (activity, decision, reasons) in enumerate(plan):
                if not _matches(change, activity, decision):
                    continue
                if change.decision is Decision.DELEGATE and not activity.can_delegate:
                    continue
                if change.decision is decision:
                    plan[i] = (activity, decision, reasons + [change.reason])
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
    described = []
    for activity, decision, reasons in plan:
        described.append(
            ActivityPlan(
                id=activity.id,
                name=ctx.text(activity.name),
                decision=decision.value,
                reasons=[ctx.text(r) for r in reasons],
                who_does_what=_who_does_what(ctx, activity, decision),
                legal=list(activity.legal),
            )
        )
    return described


def _who_does_what(ctx: _Context, activity: Activity, decision: Decision) -> str:
    if decision is Decision.SHARE:
        return ctx.text(activity.split)
    if decision is Decision.KEEP:
        return message("who_keep", ctx.lang)
    if activity.company_keeps is not None:
        return message("who_delegate_keeps", ctx.lang).format(keeps=ctx.text(activity.company_keeps))
    return message("who_delegate", ctx.lang)


def _number_answer(ctx: _Context, qid: str | None) -> float | None:
    value = ctx.values.get(qid) if qid else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _costs(ctx: _Context, plans: dict[str, Plan]) -> Costs:
    model = ctx.q.costs
    horizon = _number_answer(ctx, model.inputs.horizon_months)
    horizon_months = horizon if horizon is not None else float(model.default_horizon_months)
    hourly_cost = _number_answer(ctx, model.inputs.hourly_cost)
    units = _number_answer(ctx, model.inputs.units)
    options = {
        outcome: estimate(
            model,
            [(activity, decision) for activity, decision, _ in plan],
            works_with_agency=outcome != "in_house",
            units=units,
            hourly_cost=hourly_cost,
            horizon_months=horizon_months,
        )
        for outcome, plan in plans.items()
    }
    return Costs(ctx.q.currency, horizon_months, hourly_cost, options, assumptions(model))


def _warnings(ctx: _Context, recommendation: str, costs: Costs) -> list[Warning]:
    """Warnings from the rules, in order, one per code; then the budget check."""
    warnings: dict[str, Warning] = {}
    for cr in ctx.compiled.rules:
        spec = cr.rule.warn
        if spec is None or spec.code in warnings or not cr.check(ctx.values, recommendation):
            continue
        warnings[spec.code] = Warning(spec.code, ctx.text(spec.message))
    budget_spec = ctx.q.costs.budget_warning
    budget = _number_answer(ctx, ctx.q.costs.inputs.budget)
    fees = costs.options[recommendation].agency_fees_per_month
    if budget_spec is not None and budget_spec.code not in warnings and budget is not None and budget < fees:
        warnings[budget_spec.code] = Warning(
            budget_spec.code,
            ctx.text(
                budget_spec.message,
                budget=format_decimal(budget, ctx.lang),
                fees=format_decimal(fees, ctx.lang, 0),
            ),
        )
    return list(warnings.values())


def _readiness(ctx: _Context, activities: list[ActivityPlan]) -> list[ReadinessCheck]:
    delegating = any(a.decision != Decision.KEEP for a in activities)
    checks = []
    for item in ctx.q.readiness:
        label = ctx.text(item.label)
        if item.only_if_delegating and not delegating:
            checks.append(ReadinessCheck(item.id, label, True, ctx.text(item.not_needed)))
            continue
        value = ctx.values.get(item.question)
        if value is None or (value == UNKNOWN):
            checks.append(ReadinessCheck(item.id, label, None, ctx.text(item.unknown)))
        elif any(value == v and type(value) is type(v) for v in item.met_if):
            checks.append(ReadinessCheck(item.id, label, True, ctx.text(item.met)))
        else:
            checks.append(ReadinessCheck(item.id, label, False, ctx.text(item.missing)))
    return checks


def _confidence(
    ctx: _Context,
    shown: list[CompiledQuestion],
    scores: dict[str, float],
    recommendation: str,
    rivals: list[str],
) -> float:
    """How sure the recommendation is: the share of the scoring weight actually answered,
    times a closeness factor from the worst-case margin over the rivals still allowed: the lead
    that would remain if every unanswered or `unknown` question went against the recommendation.

    So a `don't know` can only lower the confidence. When rules leave no rival, closeness is full.
    """
    total = answered = 0.0
    open_questions = []
    for cq in shown:
        if cq.score is None:
            continue
        total += cq.swing
        value = ctx.values.get(cq.id)
        if value is None or value == UNKNOWN:
            open_questions.append(cq)
        else:
            answered += cq.swing
    coverage = answered / total if total else 1.0
    if not rivals:
        return round(coverage, 2)
    rec = OUTCOMES.index(recommendation)
    scale = ctx.compiled.scale
    worst = min(
        scores[recommendation]
        - scores[rival]
        + scale * sum(cq.worst_lead(rec, OUTCOMES.index(rival)) for cq in open_questions)
        for rival in rivals
    )
    closeness = 0.5 + 0.5 * min(1.0, max(0.0, worst) / ctx.q.confidence.margin_for_full)
    return round(coverage * closeness, 2)
