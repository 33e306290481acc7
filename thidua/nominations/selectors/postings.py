"""Reads for the posting pages: the public list and page, the nominees a posting shows, and the
feedback the secretariat still has to deal with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language

from thidua.nominations.models import Batch, Dossier, Feedback, Posting
from thidua.nominations.permissions import secretariat_over
from thidua.nominations.services.postings import posted_dossiers
from thidua.org.permissions import is_system_admin

OPEN_FEEDBACK = (Feedback.Status.NEW, Feedback.Status.TO_VERIFY)
SUMMARY_MAX = 600


@dataclass(frozen=True)
class Nominee:
    dossier: Dossier
    name: str
    unit: str
    award: str
    summary: str


def award_name(dossier: Dossier) -> str:
    english = (get_language() or "").startswith("en") and dossier.award.name_en
    return english or dossier.award.name


def _unit_of(dossier: Dossier) -> str:
    """Where the nominee works: a person's department with the unit that proposes them (a
    department's name alone is ambiguous), a collective's parent unit."""
    if dossier.person_id:
        names = [u.name for u in (dossier.person.unit, dossier.owner_unit) if u is not None]
        return ", ".join(dict.fromkeys(names))
    return dossier.unit.parent.name if dossier.unit.parent_id else ""


def _summary(dossier: Dossier) -> str:
    text = str((dossier.report or {}).get("summary") or "").strip()
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1].rstrip() + "…"


def posting_nominees(posting: Posting) -> list[Nominee]:
    """The nominees a posting publishes, by award then name."""
    rows = [
        Nominee(d, str(d.subject), _unit_of(d), award_name(d), _summary(d))
        for d in posted_dossiers(posting.batch)
    ]
    return sorted(rows, key=lambda n: (n.dossier.award.sort_order, n.dossier.award.code, n.name))


# ---- public -----------------------------------------------------------------------------------
def postings_open(today: date | None = None) -> QuerySet[Posting]:
    """Postings the public can read and answer today."""
    today = today or timezone.localdate()
    return (
        Posting.objects.filter(status=Posting.Status.OPEN, opened_on__lte=today, ends_on__gte=today)
        .select_related("batch__awarding_unit")
        .order_by("ends_on", "pk")
    )


def public_posting_get(public_id: UUID) -> Posting:
    """A posting by its public id; unknown or withdrawn answers 404 (a withdrawn list is no
    longer published). A posting not opened yet is not public either."""
    posting = (
        Posting.objects.select_related("batch__awarding_unit")
        .filter(public_id=public_id, status=Posting.Status.OPEN)
        .first()
    )
    if posting is None or posting.opened_on > timezone.localdate():
        raise Http404
    return posting


def is_accepting(posting: Posting, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return posting.status == Posting.Status.OPEN and posting.opened_on <= today <= posting.ends_on


# ---- internal ---------------------------------------------------------------------------------
def runs_postings(user: Any, batch: Batch) -> bool:
    return is_system_admin(user) or secretariat_over(user, batch.awarding_unit)


def batch_postings(batch: Batch) -> list[Posting]:
    return list(batch.postings.select_related("created_by").order_by("-opened_on", "-pk"))


def open_feedback(batch: Batch) -> QuerySet[Feedback]:
    """Feedback not yet dismissed or answered on any posting of the proposal: a warning on the
    proposal (and on the dossier it concerns) until the secretariat deals with it."""
    return Feedback.objects.filter(posting__batch=batch, status__in=OPEN_FEEDBACK).select_related(
        "dossier__person", "dossier__unit"
    )


def dossier_open_feedback(dossier: Dossier) -> QuerySet[Feedback]:
    return Feedback.objects.filter(dossier=dossier, status__in=OPEN_FEEDBACK)


def feedback_list(batch: Batch, *, status: str = "") -> QuerySet[Feedback]:
    rows = Feedback.objects.filter(posting__batch=batch).select_related(
        "posting", "dossier__person", "dossier__unit", "dossier__award", "triaged_by"
    )
    if status == "open":
        rows = rows.filter(status__in=OPEN_FEEDBACK)
    elif status:
        rows = rows.filter(status=status)
    return rows.order_by("-created_at", "-pk")


def feedback_counts(batch: Batch) -> dict[str, int]:
    counts = dict.fromkeys(Feedback.Status.values, 0)
    for status in Feedback.objects.filter(posting__batch=batch).values_list("status", flat=True):
        counts[status] += 1
    return counts


def feedback_get(user: Any, pk: int) -> Feedback:
    """404 unless the user runs the awarding body's postings (feedback may name people)."""
    feedback = (
        Feedback.objects.select_related("posting__batch__awarding_unit", "dossier", "triaged_by")
        .filter(pk=pk)
        .first()
    )
    if feedback is None or not runs_postings(user, feedback.posting.batch):
        raise Http404
    return feedback
