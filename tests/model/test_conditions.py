"""Compiled conditions decide exactly as the plain reading of a condition does."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from outsource_advisor.model.conditions import Condition, _compile_closure, compile_condition
from outsource_advisor.model.vocabulary import UNKNOWN


def _same(x: Any, y: Any) -> bool:
    number = (int, float)
    if isinstance(x, number) and not isinstance(x, bool) and isinstance(y, number) and not isinstance(y, bool):
        return bool(x == y)
    return type(x) is type(y) and x == y


def reference(cond: Condition, values: dict[str, Any], outcome: str | None) -> bool:
    """The condition read literally, test by test."""
    if cond.all is not None:
        return all(reference(c, values, outcome) for c in cond.all)
    if cond.any is not None:
        return any(reference(c, values, outcome) for c in cond.any)
    if cond.not_ is not None:
        return not reference(cond.not_, values, outcome)
    if cond.outcome is not None:
        return outcome in cond.outcome
    value = values.get(cond.question or "")
    if value is None or value == UNKNOWN:
        return False
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    checks = []
    if cond.equals is not None:
        checks.append(_same(value, cond.equals))
    if cond.in_ is not None:
        checks.append(any(_same(value, a) for a in cond.in_))
    if cond.includes is not None:
        checks.append(isinstance(value, list) and cond.includes in value)
    for name, holds in (
        ("at_least", lambda b: value >= b),
        ("at_most", lambda b: value <= b),
        ("above", lambda b: value > b),
        ("below", lambda b: value < b),
    ):
        bound = getattr(cond, name)
        if bound is not None:
            checks.append(is_number and holds(bound))
    return all(checks)


SCALARS = st.one_of(
    st.sampled_from(["a", "b", "unknown", "1"]), st.booleans(), st.integers(-2, 2), st.sampled_from([0.0, 1.0, 1.5])
)
VALUES = st.one_of(SCALARS, st.lists(st.sampled_from(["a", "b", "c"]), max_size=3), st.none())


def atoms() -> st.SearchStrategy[dict[str, Any]]:
    tests = st.fixed_dictionaries(
        {},
        optional={
            "equals": SCALARS,
            "in": st.lists(SCALARS, max_size=4),
            "includes": st.sampled_from(["a", "b"]),
            "at_least": st.integers(-2, 2),
            "at_most": st.floats(-2, 2),
            "above": st.integers(-2, 2),
            "below": st.integers(-2, 2),
        },
    ).filter(bool)
    return st.builds(lambda q, t: {"question": q, **t}, st.sampled_from(["x", "y"]), tests)


conditions = st.recursive(
    st.one_of(atoms(), st.builds(lambda o: {"outcome": o}, st.lists(st.sampled_from(["in_house", "hybrid"])))),
    lambda inner: st.one_of(
        st.builds(lambda cs: {"all": cs}, st.lists(inner, max_size=3)),
        st.builds(lambda cs: {"any": cs}, st.lists(inner, max_size=3)),
        st.builds(lambda c: {"not": c}, inner),
    ),
    max_leaves=6,
)


@settings(max_examples=500, deadline=None)
@given(conditions, st.dictionaries(st.sampled_from(["x", "y"]), VALUES), st.sampled_from([None, "hybrid"]))
def test_compiled_conditions_read_literally(raw: dict[str, Any], values: dict[str, Any], outcome: Any) -> None:
    cond = Condition.model_validate(raw)
    expected = reference(cond, values, outcome)
    assert compile_condition(cond)(values, outcome) is expected
    assert _compile_closure(cond)(values, outcome) is expected


def test_deep_conditions_are_compiled_too() -> None:
    raw: dict[str, Any] = {"question": "x", "equals": "a"}
    for _ in range(60):
        raw = {"not": {"all": [raw]}}
    cond = Condition.model_validate(raw)
    for values in ({"x": "a"}, {"x": "b"}, {}):
        assert compile_condition(cond)(values, None) is reference(cond, values, None)
