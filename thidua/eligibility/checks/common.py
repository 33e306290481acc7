"""Checks for people and collectives alike: freezes, composites, award chains, posting."""

from __future__ import annotations

from typing import Any

from ..verdict import Outcome, Result
from .registry import check, outcome

OK = Result.PASSED


@check("not_frozen")
def not_frozen(ctx, rule: dict[str, Any]) -> Outcome:
    """ND 98/152 Art. 4: no award while a review, inspection or complaint is being verified."""
    as_of = ctx.case.as_of
    for freeze in ctx.subject.freezes:
        if freeze.opened_on <= as_of and (freeze.closed_on is None or freeze.closed_on > as_of):
            return outcome(
                rule, Result.DEFERRED, "freeze.open", kind=freeze.kind, since=freeze.opened_on
            )
    return outcome(rule, OK, "freeze.none")


@check("not_already_held")
def not_already_held(ctx, rule: dict[str, Any]) -> Outcome:
    if ctx.case.year in ctx.held_years(ctx.case.award):
        return outcome(rule, Result.FAILED, "award.already_held", year=ctx.case.year)
    return outcome(rule, OK, "award.not_held", year=ctx.case.year)


@check("registered")
def registered(ctx, rule: dict[str, Any]) -> Outcome | None:
    if not ctx.policy.registration_required:
        return None
    target = f"{ctx.case.award}:{ctx.case.year}"
    if target in ctx.subject.registered:
        return outcome(rule, OK, "registration.found", year=ctx.case.year)
    return outcome(rule, Result.FAILED, "registration.missing", year=ctx.case.year)


@check("info", required=("message",))
def info(ctx, rule: dict[str, Any]) -> Outcome:
    """A criterion people judge (solidarity, exemplary conduct): shown, decided by reviewers."""
    return outcome(rule, Result.INFO, rule["message"])


def _branch(ctx, child: dict[str, Any]) -> tuple[bool, list[Outcome], list[str]]:
    from . import run_rule

    saved = ctx.consumes
    ctx.consumes = []
    try:
        outcomes = run_rule(ctx, child)
        taken = ctx.consumes
    finally:
        ctx.consumes = saved
    good = all(o.result in (Result.PASSED, Result.INFO) for o in outcomes)
    return good, outcomes, taken


@check("any_of", required=("rules",))
def any_of(ctx, rule: dict[str, Any]) -> list[Outcome]:
    """The first branch that passes wins (packs list the branch that consumes least first).

    When none passes but one lacks only a paper (e.g. the party assessment for path 1 of the
    Government flag), the rule waits for that paper instead of failing.
    """
    tried: list[Outcome] = []
    waiting: tuple[dict[str, Any], list[Outcome], list[str]] | None = None
    for child in rule["rules"]:
        good, outcomes, taken = _branch(ctx, child)
        if good:
            ctx.consumes.extend(taken)
            ctx.limb = child.get("limb", ctx.limb)
            return [outcome(rule, OK, "any_of.met", branch=child["id"]), *outcomes]
        if waiting is None and _only_waiting(outcomes):
            waiting = (child, outcomes, taken)
        tried.extend(o for o in outcomes if o.result is not OK)
    if waiting is not None:
        child, outcomes, taken = waiting
        ctx.consumes.extend(taken)
        ctx.limb = child.get("limb", ctx.limb)
        pending = outcome(rule, Result.PENDING_DOCUMENT, "any_of.pending", branch=child["id"])
        return [pending, *outcomes]
    failed = outcome(rule, Result.FAILED, "any_of.none", branches=[c["id"] for c in rule["rules"]])
    return [failed, *(_as_info(o) for o in tried)]


def _only_waiting(outcomes: list[Outcome]) -> bool:
    """Nothing failed or deferred, but at least one paper is missing."""
    results = {o.result for o in outcomes}
    return Result.PENDING_DOCUMENT in results and not results & {Result.FAILED, Result.DEFERRED}


def _as_info(o: Outcome) -> Outcome:
    """A failed branch of an any_of explains, it does not decide on its own."""
    return Outcome(o.rule, Result.INFO, o.message, {**o.params, "branch_failed": True}, o.clause)


@check("all_of", required=("rules",))
def all_of(ctx, rule: dict[str, Any]) -> list[Outcome]:
    from . import run_rule

    out: list[Outcome] = []
    for child in rule["rules"]:
        out.extend(run_rule(ctx, child))
    return out


@check("consecutive_titles", required=("award", "count"))
def consecutive_titles(ctx, rule: dict[str, Any]) -> Outcome:
    """`count` titles in a row ending this year (`step` years apart), not already used up.

    Law Art. 21, 22: a chain restarts after a gap or a discipline (Art. 4 principle), and a
    window used for one award is not used again for the next one of the same kind (`after`).
    """
    year, step, count = ctx.year, int(rule.get("step", 1)), int(ctx.value(rule, "count"))
    held = ctx.held_years(rule["award"])
    years = [year - i * step for i in range(count)]
    missing = sorted(y for y in years if y not in held or y < ctx.restart_year)
    params = {"award": rule["award"], "count": count, "years": sorted(years)}
    if missing:
        return outcome(rule, Result.FAILED, "chain.broken", missing=missing, **params)
    window_start = year - count * step + 1
    for prev in ctx.held(rule.get("after", ())):
        if prev.year < year and ctx.anchor_year(prev) >= window_start:
            return outcome(
                rule, Result.FAILED, "chain.already_used", used_by=prev.code, used_year=prev.year,
                **params,
            )  # fmt: skip
    return outcome(rule, OK, "chain.complete", **params)


@check("titles_in_window", required=("award", "count", "window"))
def titles_in_window(ctx, rule: dict[str, Any]) -> Outcome:
    window = int(ctx.value(rule, "window"))
    first = ctx.year - window + 1
    years = sorted(
        y for y in ctx.held_years(rule["award"]) if first <= y <= ctx.year and y >= ctx.restart_year
    )
    count = int(ctx.value(rule, "count"))
    params = {"award": rule["award"], "count": count, "found": len(years), "first": first}
    result = OK if len(years) >= count else Result.FAILED
    return outcome(rule, result, "window.titles", years=years, last=ctx.year, **params)


@check("prior_award", required=("award", "window"))
def prior_award(ctx, rule: dict[str, Any]) -> Outcome:
    """Holds an earlier award, and the `window` years counted after it end this year.

    The anchor is the achievement period in the earlier decision (ND 152/2025 Art. 33(7)) or
    its decision year, as the pack says.
    """
    codes = rule["award"] if isinstance(rule["award"], list) else [rule["award"]]
    window = int(ctx.value(rule, "window"))
    first = ctx.year - window + 1
    prior = ctx.held(codes)
    params = {"award": codes, "window": window, "first": first}
    if not prior:
        return outcome(rule, Result.FAILED, "prior.missing", **params)
    anchors = sorted(ctx.anchor_year(a) for a in prior)
    if anchors[0] >= first:
        return outcome(rule, Result.FAILED, "prior.too_recent", anchor=anchors[0], **params)
    return outcome(rule, OK, "prior.held", anchor=max(a for a in anchors if a < first), **params)


@check("public_posting")
def public_posting(ctx, rule: dict[str, Any]) -> Outcome:
    """ND 98 Art. 46(2) / ND 152 Art. 44(2): posted ≥ N working days before the council."""
    days = int(ctx.value(rule, "days", "policy:posting_working_days"))
    posting = next(
        (p for p in ctx.subject.postings if p.award == ctx.case.award and p.year == ctx.case.year),
        None,
    )
    if posting is None:
        return outcome(rule, Result.PENDING_DOCUMENT, "posting.missing", days=days)
    end = ctx.calendar.window_end(posting.start, days, start_counts=ctx.policy.posting_day_counts)
    params = {"days": days, "start": posting.start, "end": end}
    if posting.council_on is None:
        return outcome(rule, Result.PENDING_DOCUMENT, "posting.open", **params)
    if posting.council_on <= end:
        counted = ctx.calendar.working_days(posting.start, posting.council_on)
        if not ctx.policy.posting_day_counts:
            counted -= ctx.calendar.is_working_day(posting.start)
        counted -= ctx.calendar.is_working_day(posting.council_on)
        return outcome(
            rule, Result.FAILED, "posting.too_short", council_on=posting.council_on,
            counted=counted, **params,
        )  # fmt: skip
    return outcome(rule, OK, "posting.done", council_on=posting.council_on, **params)
