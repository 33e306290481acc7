"""The table of checks by name, filled by the `@check` decorator."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..verdict import Outcome, Result

CheckFn = Callable[[Any, dict[str, Any]], Any]


@dataclass(frozen=True)
class CheckSpec:
    name: str
    fn: CheckFn
    required: tuple[str, ...]
    subject: str  # "individual", "collective" or "any"


REGISTRY: dict[str, CheckSpec] = {}


def check(name: str, *, required: tuple[str, ...] = (), subject: str = "any"):
    def register(fn: CheckFn) -> CheckFn:
        REGISTRY[name] = CheckSpec(name, fn, required, subject)
        return fn

    return register


def outcome(rule: dict[str, Any], result: Result, message: str, **params: Any) -> Outcome:
    return Outcome(rule["id"], result, message, params, rule.get("clause", ""))
