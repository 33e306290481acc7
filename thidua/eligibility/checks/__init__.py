"""The checks a pack's rules may name. Each takes the context and the rule, returns Outcomes.

A check reads its parameters from the rule (`ctx.value` resolves "policy:name"), cites the
rule's clause, and may record initiatives the award would consume in `ctx.consumes`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..verdict import Outcome
from .registry import REGISTRY, CheckFn, check, outcome

# Importing the modules registers their checks.
from . import common, people, units  # noqa: F401  isort: skip

__all__ = ["REGISTRY", "CheckFn", "check", "outcome", "run_rule", "validate_rule"]


class RuleError(ValueError):
    pass


def validate_rule(rule: dict[str, Any], *, where: str) -> None:
    if "id" not in rule or "check" not in rule:
        raise RuleError(f"{where}: every rule needs an id and a check ({rule})")
    spec = REGISTRY.get(rule["check"])
    if spec is None:
        raise RuleError(f"{where}:{rule['id']}: unknown check {rule['check']!r}")
    if not rule.get("clause") and rule["check"] not in ("all_of",):
        raise RuleError(f"{where}:{rule['id']}: a rule must cite its clause")
    missing = [p for p in spec.required if p not in rule]
    if missing:
        raise RuleError(f"{where}:{rule['id']}: missing parameters {', '.join(missing)}")
    for child in rule.get("rules", ()):
        validate_rule(child, where=f"{where}:{rule['id']}")


def run_rule(ctx: Any, rule: dict[str, Any]) -> list[Outcome]:
    fn: Callable[..., Any] = REGISTRY[rule["check"]].fn
    result = fn(ctx, rule)
    if result is None:
        return []
    return [result] if isinstance(result, Outcome) else list(result)
