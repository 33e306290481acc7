"""Writes to cluster pledges (giao ước thi đua): draft, open for signature, sign, amend.

Lifecycle (law.md §c.2 step 1: members sign the pledge at the start of the year):

    draft ──open──► signing ──all awaited signed──► in_force ──amendment signed──► superseded
      ▲               │
      └──reopen───────┘ (only while nobody has signed)

Opening freezes the text: `text_digest` is the SHA-256 of a canonical text (theme, preamble, each
content with its indicators' codes and targets) and every signature records the digest it signed.
A change after opening is an amendment: a new version, signed again by every member, while the
previous version stays in force until then. Signatures are never edited or deleted.

Who may sign and whose signature the pledge waits for: see `selectors.pledges.awaited_unit_ids`.
A unit that joins the cluster later in the year adheres by signing the version in force.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.models import Indicator, Pledge, PledgeItem, PledgeSignature
from thidua.campaigns.selectors.pledges import awaited_unit_ids, members_in_year, pledge_digest
from thidua.core.audit import actor, delete_audited, save_audited
from thidua.core.errors import DomainError
from thidua.org.models import Cluster, Unit

S = Pledge.Status
OPEN = (S.DRAFT, S.SIGNING)
FIRST_YEAR, LAST_YEAR = 2000, 2100
REASON_MAX = Pledge._meta.get_field("amendment_reason").max_length
HISTORY_REASON_MAX = 100  # simple-history's change-reason column
# Numbers are moved out of the way before renumbering: (pledge, number) is unique and PostgreSQL
# checks it row by row.
_PARKING = 10_000


# ---- checks -------------------------------------------------------------------------------------
def check_draft(pledge: Pledge) -> None:
    # Read (and lock) the stored status: the caller's copy may predate someone opening it.
    status = Pledge.objects.select_for_update().values_list("status", flat=True).get(pk=pledge.pk)
    if status != S.DRAFT:
        raise DomainError(
            _(
                "This pledge has been opened for signature, so its text can no longer be "
                "changed. Make an amendment instead."
            ),
            code="locked",
        )


def check_indicators(pledge: Pledge, indicators: Iterable[Indicator]) -> None:
    foreign = [
        i.name for i in indicators if i.cluster_id != pledge.cluster_id or i.year != pledge.year
    ]
    if foreign:
        raise DomainError(
            _("These indicators do not belong to the cluster's %(year)s targets: %(names)s.")
            % {"year": pledge.year, "names": ", ".join(foreign)},
            field="indicators",
            code="indicator_foreign",
        )


def check_may_sign(pledge: Pledge, unit: Unit) -> None:
    # A unit joining the cluster after the pledge came into force adheres to it by signing.
    if pledge.status not in (S.SIGNING, S.IN_FORCE):
        raise DomainError(_("This pledge is not open for signature."), code="not_signing")
    if not members_in_year(pledge.cluster, pledge.year).filter(unit=unit).exists():
        raise DomainError(
            _("%(unit)s is not a member of %(cluster)s in %(year)s.")
            % {"unit": unit, "cluster": pledge.cluster, "year": pledge.year},
            field="unit",
            code="not_member",
        )
    if pledge.signatures.filter(unit=unit).exists():
        raise DomainError(
            _("%(unit)s has already signed this pledge.") % {"unit": unit},
            field="unit",
            code="already_signed",
        )
    if pledge_digest(pledge) != pledge.text_digest:
        # An indicator's code or target changed after opening: what the page shows is no longer
        # what the others signed.
        raise DomainError(
            _(
                "The text has changed since the pledge was opened for signature (a target "
                "indicator was changed). It cannot be signed as it stands: ask the cluster to "
                "make an amendment."
            ),
            code="text_changed",
        )


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field, code="required")
    return value


# ---- the pledge ---------------------------------------------------------------------------------
@transaction.atomic
def pledge_create(
    *, cluster: Cluster, year: int, theme: str, preamble: str = "", place: str = "", by: Any
) -> Pledge:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(_("Enter a year between 2000 and 2100."), field="year", code="year")
    existing = (
        Pledge.objects.select_for_update()
        .filter(cluster=cluster, year=year)
        .exclude(status=S.SUPERSEDED)
        .order_by("-version")
        .first()
    )
    if existing is not None:
        message = (
            _("The cluster already has a draft pledge for %(year)s: edit that draft.")
            if existing.status == S.DRAFT
            else _(
                "The cluster already has a pledge for %(year)s. To change it, make an amendment "
                "to that pledge."
            )
        )
        raise DomainError(message % {"year": year}, code="exists")
    pledge = Pledge(cluster=cluster, year=year, theme=theme, preamble=preamble, place=place)
    save_audited(pledge, by=by)
    return pledge


@transaction.atomic
def pledge_update(
    *, pledge: Pledge, by: Any, theme: str, preamble: str = "", place: str = ""
) -> Pledge:
    check_draft(pledge)
    pledge.theme, pledge.preamble, pledge.place = theme, preamble, place
    save_audited(pledge, by=by)
    return pledge


# ---- contents -----------------------------------------------------------------------------------
@transaction.atomic
def pledge_item_add(
    *, pledge: Pledge, text: str, indicators: Sequence[Indicator] = (), by: Any
) -> PledgeItem:
    """A new content, numbered after the last one."""
    check_draft(pledge)
    check_indicators(pledge, indicators)
    last = pledge.items.aggregate(last=Max("number"))["last"] or 0
    item = PledgeItem(pledge=pledge, number=last + 1, text=text)
    save_audited(item, by=by)
    item.indicators.set(indicators)  # the item's history records this change (m2m tracked)
    return item


@transaction.atomic
def pledge_item_update(
    *, item: PledgeItem, text: str, indicators: Sequence[Indicator], by: Any
) -> PledgeItem:
    check_draft(item.pledge)
    check_indicators(item.pledge, indicators)
    item.text = text
    save_audited(item, by=by)
    item.indicators.set(indicators)
    return item


@transaction.atomic
def pledge_item_remove(*, item: PledgeItem, by: Any) -> None:
    """Removes the content; those after it move up so the numbers stay 1..n."""
    pledge = item.pledge
    check_draft(pledge)
    delete_audited(item, by=by)
    _number(list(pledge.items.order_by("number")), by=by)


@transaction.atomic
def pledge_item_renumber(
    *, pledge: Pledge, order: Sequence[PledgeItem | int], by: Any
) -> list[PledgeItem]:
    """Numbers the contents 1..n in the given order (every content, each once)."""
    check_draft(pledge)
    items = {item.pk: item for item in pledge.items.all()}
    wanted = [getattr(entry, "pk", entry) for entry in order]
    if sorted(wanted) != sorted(items):
        raise DomainError(
            _("The new order must list every content of the pledge exactly once."), code="order"
        )
    return _number([items[pk] for pk in wanted], by=by)


def pledge_item_move(*, item: PledgeItem, offset: int, by: Any) -> list[PledgeItem]:
    """Moves a content up (offset -1) or down (+1); at either end nothing changes."""
    items = list(item.pledge.items.order_by("number"))
    at = next(i for i, other in enumerate(items) if other.pk == item.pk)
    to = min(max(at + offset, 0), len(items) - 1)
    items.insert(to, items.pop(at))
    return pledge_item_renumber(pledge=item.pledge, order=items, by=by)


def _number(items: list[PledgeItem], *, by: Any) -> list[PledgeItem]:
    moving = [item for position, item in enumerate(items, 1) if item.number != position]
    # Parked without history rows; the final save records the old → new number.
    PledgeItem.objects.filter(pk__in=[i.pk for i in moving]).update(number=F("number") + _PARKING)
    for position, item in enumerate(items, 1):
        if item.number != position:
            item.number = position
            save_audited(item, by=by, clean=False)
    return items


# ---- signature ----------------------------------------------------------------------------------
@transaction.atomic
def pledge_open_for_signing(*, pledge: Pledge, by: Any) -> Pledge:
    pledge = Pledge.objects.select_for_update().select_related("cluster").get(pk=pledge.pk)
    check_draft(pledge)
    if not pledge.items.exists():
        raise DomainError(
            _("Add at least one content before opening the pledge for signature."),
            code="no_items",
        )
    pledge.opened_at = timezone.now()
    if not awaited_unit_ids(pledge):
        raise DomainError(
            _("The cluster has no member units to sign the pledge."), code="no_members"
        )
    pledge.text_digest = pledge_digest(pledge)
    pledge.status = S.SIGNING
    save_audited(pledge, by=by, reason=_("Opened for signature"), clean=False)
    return pledge


@transaction.atomic
def pledge_reopen_draft(*, pledge: Pledge, by: Any, reason: str = "") -> Pledge:
    """Back to draft to correct the text, possible only while nobody has signed."""
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    if pledge.status != S.SIGNING:
        raise DomainError(_("This pledge is not open for signature."), code="not_signing")
    if pledge.signatures.exists():
        raise DomainError(
            _("Members have already signed this pledge: make an amendment instead."),
            code="signed",
        )
    pledge.status, pledge.text_digest, pledge.opened_at = S.DRAFT, "", None
    why = reason.strip() or _("Back to draft")
    save_audited(pledge, by=by, reason=why[:HISTORY_REASON_MAX], clean=False)
    return pledge


@transaction.atomic
def pledge_sign(
    *, pledge: Pledge, unit: Unit, signer_name: str, signer_position: str, by: Any
) -> PledgeSignature:
    """Records a member unit's signature; the last awaited one brings the pledge into force."""
    # Locked so two last signatures at once cannot both miss the moment of coming into force.
    pledge = Pledge.objects.select_for_update().select_related("cluster").get(pk=pledge.pk)
    name = _required(signer_name, "signer_name", _("Enter the name of the person who signs."))
    position = _required(
        signer_position, "signer_position", _("Enter the position of the person who signs.")
    )
    check_may_sign(pledge, unit)
    signature = PledgeSignature(
        pledge=pledge, unit=unit, signer_name=name, signer_position=position,
        recorded_by=actor(by),
        text_digest=pledge.text_digest,
    )  # fmt: skip
    save_audited(signature, by=by)
    signed = set(pledge.signatures.values_list("unit_id", flat=True))
    if pledge.status == S.SIGNING and awaited_unit_ids(pledge) <= signed:
        _bring_into_force(pledge, by=by)
    return signature


def _bring_into_force(pledge: Pledge, *, by: Any) -> None:
    # Any earlier version still in force is replaced now, not when the amendment was drafted.
    for older in Pledge.objects.filter(
        cluster=pledge.cluster, year=pledge.year, status=S.IN_FORCE
    ).exclude(pk=pledge.pk):
        older.status = S.SUPERSEDED
        save_audited(
            older, by=by, reason=_("Replaced by version %(v)s") % {"v": pledge.version}, clean=False
        )
    pledge.status, pledge.in_force_at = S.IN_FORCE, timezone.now()
    save_audited(pledge, by=by, reason=_("Every member unit has signed"), clean=False)


# ---- amendment ----------------------------------------------------------------------------------
@transaction.atomic
def pledge_amend(*, pledge: Pledge, reason: str, by: Any) -> Pledge:
    """A new draft version copying the text; the current one stays in force until it is signed.

    Amending a version that is still being signed replaces it at once (it never came into force,
    and only one version may be open at a time); its signatures stay on record.
    """
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    reason = _required(reason, "reason", _("Give the reason for the amendment."))
    if len(reason) > REASON_MAX:
        raise DomainError(
            _("Keep the reason under %(max)s characters.") % {"max": REASON_MAX},
            field="reason",
            code="reason_long",
        )
    if pledge.status not in (S.IN_FORCE, S.SIGNING):
        raise DomainError(
            _("Only a pledge that is open for signature or in force can be amended."),
            code="not_amendable",
        )
    siblings = Pledge.objects.select_for_update().filter(cluster=pledge.cluster, year=pledge.year)
    pending = siblings.filter(status__in=OPEN).exclude(pk=pledge.pk).first()
    if pending is not None:
        raise DomainError(
            _("Version %(version)s is already being prepared: continue with it.")
            % {"version": pending.version},
            code="amendment_pending",
        )
    if pledge.status == S.SIGNING:
        pledge.status = S.SUPERSEDED
        save_audited(pledge, by=by, reason=reason[:HISTORY_REASON_MAX], clean=False)
    version = (siblings.aggregate(last=Max("version"))["last"] or 0) + 1
    amended = Pledge(
        cluster=pledge.cluster, year=pledge.year, version=version, supersedes=pledge,
        amendment_reason=reason, theme=pledge.theme, preamble=pledge.preamble,
        place=pledge.place,
    )  # fmt: skip
    save_audited(amended, by=by, reason=reason[:HISTORY_REASON_MAX])
    for item in pledge.items.order_by("number").prefetch_related("indicators"):
        copy = PledgeItem(pledge=amended, number=item.number, text=item.text)
        save_audited(copy, by=by)
        copy.indicators.set(item.indicators.all())
    return amended
