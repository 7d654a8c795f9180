"""The assessment as JSON: the stable, documented machine-readable shape."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from outsource_advisor.model.assessment import Assessment


def assessment_dict(assessment: Assessment) -> dict[str, Any]:
    return dataclasses.asdict(assessment)


def render_json(assessment: Assessment) -> str:
    return json.dumps(assessment_dict(assessment), ensure_ascii=False, indent=2) + "\n"
