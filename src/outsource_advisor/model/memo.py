"""A memo kept beside the objects it is about, never inside them.

Frozen models and compiled questionnaires stay plain data: whoever wants to remember something
about one keeps a `Memo` in its own module, a value per live object found by identity (never by
equality, which would hash a whole questionnaire) and dropped when the object is.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    """`make(obj)` worked out once per object, for as long as the object lives."""

    __slots__ = ("_make", "_values")

    def __init__(self, make: Callable[[K], V]) -> None:
        self._make = make
        self._values: dict[int, V] = {}

    def __call__(self, obj: K) -> V:
        key = id(obj)
        value = self._values.get(key)
        if value is None:
            value = self._values[key] = self._make(obj)
            # Gone with the object, so a later object given the same id never finds this value.
            weakref.finalize(obj, self._values.pop, key, None)
        return value
