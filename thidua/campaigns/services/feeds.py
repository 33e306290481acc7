"""Feeds of indicator values: tokens for other systems, and recording a batch of values.

A document-management system pushes its counts with a token (JSON endpoint); an officer uploads
a file. Both write through `report_record`, the idempotent upsert keyed by (unit, indicator,
period) with its audit trail, and both are all-or-nothing: every item is checked and written in
one transaction, rolled back when any item fails, so a half-sent batch never lingers.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.campaigns.feed_import import FeedItem, ItemError
from thidua.campaigns.models import FeedToken, Indicator, IndicatorReport, ReportingPeriod
from thidua.campaigns.selectors.feeds import FeedLookups, feed_lookups
from thidua.campaigns.services.reports import report_record
from thidua.core.audit import actor, save_audited
from thidua.core.errors import DomainError
from thidua.core.tokens import secret_digest, secret_new, secret_plausible
from thidua.org.models import Unit

Allow = Callable[[Unit], bool]
CREATED, REPLACED, UNCHANGED = "created", "replaced", "unchanged"
FORBIDDEN = "forbidden"  # the error code of an item outside what the sender may report for
_DUPLICATE = {
    "item": gettext_lazy("Item %(other)s already has values for this unit, indicator and period."),
    "row": gettext_lazy("Row %(other)s already has values for this unit, indicator and period."),
}


# ---- tokens ------------------------------------------------------------------------------------
@transaction.atomic
def feed_token_create(*, unit: Unit, name: str, by: Any) -> tuple[FeedToken, str]:
    """A token for `unit` and its sub-units, and its secret: shown once, only its hash is kept."""
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Say which system will use this token."), field="name", code="name")
    made = secret_new()
    token = FeedToken(
        unit=unit, name=name, prefix=made.prefix, token_hash=made.digest, created_by=actor(by)
    )
    save_audited(token, by=by)
    return token, made.secret


@transaction.atomic
def feed_token_revoke(*, token: FeedToken, by: Any) -> FeedToken:
    if token.revoked_at is not None:
        raise DomainError(_("This token was already revoked."), code="revoked")
    token.revoked_at = timezone.now()
    save_audited(token, by=by, clean=False)
    return token


def feed_token_authenticate(secret: str) -> FeedToken | None:
    """The live token with this secret, or None. The lookup is by hash, so the database never
    compares secrets; its use is stamped without a history row (one per push would drown it)."""
    if not secret_plausible(secret):
        return None
    digest = secret_digest(secret)
    token = FeedToken.objects.select_related("unit").filter(token_hash=digest).first()
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    if token.revoked_at is not None:
        return None
    token.last_used_at = timezone.now()
    FeedToken.objects.filter(pk=token.pk).update(last_used_at=token.last_used_at)
    return token


def feed_token_covers(token: FeedToken) -> Allow:
    return lambda unit: unit.path.startswith(token.unit.path)


# ---- values ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Target:
    indicator: Indicator
    unit: Unit
    period: ReportingPeriod

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.indicator.pk, self.unit.pk, self.period.pk)


@dataclass(frozen=True)
class ItemResult:
    item: FeedItem
    target: Target  # the records the item named (loaded once for the whole batch)
    action: str  # created | replaced | unchanged
    report: IndicatorReport

    def as_json(self) -> dict[str, Any]:
        target = self.target
        return {
            "index": self.item.index, "result": self.action, "report": self.report.pk,
            "revision": self.report.revision, "unit": target.unit.code,
            "indicator": target.indicator.code, "cluster": target.indicator.cluster_id,
            "year": target.period.year, "period": target.period.key,
        }  # fmt: skip


@dataclass(frozen=True)
class FeedOutcome:
    results: list[ItemResult]
    errors: list[ItemError]

    def count(self, action: str) -> int:
        return sum(1 for result in self.results if result.action == action)


class FeedRejected(Exception):
    """Some item was refused; nothing was written."""

    def __init__(self, errors: list[ItemError]):
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


def feed_values_check(
    *, items: Iterable[FeedItem], allow: Allow, by: Any, source: str,
    errors: Iterable[ItemError] = (), noun: str = "item",
) -> FeedOutcome:  # fmt: skip
    """What recording would do to each item, and every error; nothing is kept.

    The items are really recorded, then rolled back: the preview cannot disagree with the real
    run, whose checks (period, membership, figures, replaced or unchanged) live in the service."""
    return _run(list(items), allow, by, source, list(errors), noun, keep=False)


def feed_values_record(
    *, items: Iterable[FeedItem], allow: Allow, by: Any, source: str,
    errors: Iterable[ItemError] = (), noun: str = "item", reason: str = "",
) -> list[ItemResult]:  # fmt: skip
    """Record every item, or none: raises FeedRejected with every error when any item fails.

    `errors` are those found while reading the request or file, so one answer lists them all.
    `noun` ("item" or "row") names the other of a duplicated pair in its message."""
    outcome = _run(list(items), allow, by, source, list(errors), noun, keep=True, reason=reason)
    if outcome.errors:
        raise FeedRejected(outcome.errors)
    return outcome.results


def _run(
    items: list[FeedItem], allow: Allow, by: Any, source: str, errors: list[ItemError],
    noun: str, *, keep: bool, reason: str = "",
) -> FeedOutcome:  # fmt: skip
    targets = _resolve_all(items, feed_lookups(items), allow, noun, errors)
    results = []
    with transaction.atomic():
        for item, target in targets:
            try:
                report, changed = report_record(
                    indicator=target.indicator, unit=target.unit, period=target.period,
                    figures=item.figures, note=item.note, by=by, source=source, reason=reason,
                )  # fmt: skip
            except ValidationError as exc:  # its savepoint is rolled back; the others go on
                errors.extend(_item_errors(item.index, exc))
                continue
            results.append(ItemResult(item, target, _action(report, changed), report))
        if errors or not keep:
            transaction.set_rollback(True)
    errors.sort(key=lambda error: error.index)
    return FeedOutcome(results, errors)


def _item_errors(index: int, exc: ValidationError) -> list[ItemError]:
    """A rule's refusal (DomainError) names its field; a model check (e.g. a figure too long
    for its column) names the fields of its error dict."""
    code = getattr(exc, "code", None) or "invalid"
    if isinstance(exc, DomainError) or not hasattr(exc, "error_dict"):
        return [ItemError(index, getattr(exc, "field", None), m, code) for m in exc.messages]
    return [
        ItemError(index, None if field == NON_FIELD_ERRORS else field, message, code)
        for field, messages in exc.message_dict.items()
        for message in messages
    ]


def _action(report: IndicatorReport, changed: bool) -> str:
    if not changed:
        return UNCHANGED
    return CREATED if report.revision == 1 else REPLACED  # a replacement bumps the revision


def _resolve_all(
    items: list[FeedItem], lookups: FeedLookups, allow: Allow, noun: str,
    errors: list[ItemError],
) -> list[tuple[FeedItem, Target]]:  # fmt: skip
    """The records each item names; the same (unit, indicator, period) twice is refused, since
    which of the two values is meant cannot be known."""
    targets, seen = [], {}
    for item in items:
        resolver = _Resolver(item, lookups, allow)
        target = resolver.target()
        if target is not None and target.key in seen:
            message = str(_DUPLICATE[noun])
            resolver.fail(None, message % {"other": seen[target.key]}, "duplicate")
        elif target is not None:
            seen[target.key] = item.index
            targets.append((item, target))
        errors.extend(resolver.errors)
    return targets


class _Resolver:
    """Finds the unit, the indicator (through the unit's clusters that year) and the period."""

    def __init__(self, item: FeedItem, lookups: FeedLookups, allow: Allow):
        self.item, self.lookups, self.allow = item, lookups, allow
        self.errors: list[ItemError] = []

    def fail(self, field: str | None, message: str, code: str = "invalid") -> None:
        self.errors.append(ItemError(self.item.index, field, message, code))

    def target(self) -> Target | None:
        unit = self.unit()
        indicator = self.indicator(unit) if unit else None
        period = self.period(indicator) if indicator else None
        return Target(indicator, unit, period) if period else None

    def unit(self) -> Unit | None:
        code = self.item.unit
        found = self.lookups.units.get(code.upper(), [])
        if len(found) > 1:  # codes differing only in case: the exact one
            found = [unit for unit in found if unit.code == code]
        if len(found) != 1:
            self.fail("unit", _("No unit has the code '%(code)s'.") % {"code": code}, "unknown")
            return None
        if not self.allow(found[0]):
            message = _("You may not report for the unit with the code '%(code)s'.")
            self.fail("unit", message % {"code": code}, FORBIDDEN)
            return None
        return found[0]

    def indicator(self, unit: Unit) -> Indicator | None:
        item = self.item
        clusters = self.lookups.clusters_of(unit, item.year)
        found = self.lookups.indicators.get((item.indicator.upper(), item.year), [])
        found = [indicator for indicator in found if indicator.cluster_id in clusters]
        names = {"code": item.indicator, "unit": unit.name, "year": item.year}
        if item.cluster is not None:
            if item.cluster not in clusters:
                message = _("%(unit)s is not a member of cluster %(cluster)s in %(year)s.")
                self.fail("cluster", message % {**names, "cluster": item.cluster}, "unknown")
                return None
            found = [indicator for indicator in found if indicator.cluster_id == item.cluster]
        if not found:
            message = _("The clusters of %(unit)s have no indicator '%(code)s' in %(year)s.")
            self.fail("indicator", message % names, "unknown")
            return None
        if len(found) > 1:
            choices = ", ".join(f"{i.cluster_id} ({i.cluster.name})" for i in found)
            message = _(
                "'%(code)s' is an indicator of several clusters of %(unit)s in %(year)s; "
                "give the cluster: %(choices)s."
            )
            self.fail("cluster", message % {**names, "choices": choices}, "ambiguous")
            return None
        return found[0]

    def period(self, indicator: Indicator) -> ReportingPeriod | None:
        key = (indicator.cluster_id, self.item.year, self.item.period)
        period = self.lookups.periods.get(key)
        if period is None:
            message = _(
                "The reporting periods of %(cluster)s for %(year)s are not set up yet; "
                "ask the cluster's officer."
            )
            self.fail("period", message % {"cluster": indicator.cluster, "year": self.item.year})
        return period
