"""The words the model's values are made of: the outcomes, the decisions about an activity, the
answer "don't know", and what counts as a number in an answer.

StrEnums, so a value is its own string wherever it is written (JSON, CSV, a message).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, TypeGuard

UNKNOWN = "unknown"  # the answer "don't know", accepted by every question but free text


class Outcome(StrEnum):
    IN_HOUSE = "in_house"
    HYBRID = "hybrid"
    OUTSOURCED = "outsourced"


class Decision(StrEnum):
    KEEP = "keep"
    SHARE = "share"
    DELEGATE = "delegate"


# The outcomes in the order every score triple and every output lists them.
OUTCOMES: tuple[Outcome, ...] = tuple(Outcome)


def is_number(value: Any) -> TypeGuard[int | float]:
    """An int or a float, but not a boolean (which Python counts as an int)."""
    return isinstance(value, int | float) and not isinstance(value, bool)
