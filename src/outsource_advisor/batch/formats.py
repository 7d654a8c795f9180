"""The closed sets of values the batch command line offers; light, so `--help` stays fast."""

from __future__ import annotations

from enum import StrEnum


class BatchFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"


class StdinFormat(StrEnum):
    AUTO = "auto"
    YAML = "yaml"
    JSON = "json"
    CSV = "csv"
    JSONL = "jsonl"
