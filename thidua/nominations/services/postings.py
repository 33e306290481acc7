"""Public posting (công khai) of a proposal's nominees for N working days, and the public's
feedback on it (phản hồi), triaged by the secretariat.

ND 98/2023 Art. 46(2) / ND 152/2025 Art. 44(2) (law.md §e.2, law-updates-2025.md §2.2 e.2): the
nominees are published for 10 working days before the council meets. How the days are counted is
practice, not text: the Ministry of Defence posted from Wed 20-8-2025 to Thu 4-9-2025 and called
it 10 working days, so the posting day counts as day 1 and public holidays are skipped. Both the
number of days and whether the posting day counts are policy settings (`posting_working_days`,
`posting_day_counts`), with the organisation's own days off on top of the national holidays."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.facts import policy_values
from thidua.core.audit import actor, save_audited
from thidua.core.errors import DomainError
from thidua.core.senders import sender_hash, sender_throttle
from thidua.eligibility import select_pack
from thidua.eligibility.calendar import WorkCalendar
from thidua.eligibility.packs import NoPackError
from thidua.eligibility.policy import Policy, PolicyError
from thidua.nominations.models import Batch, Dossier, Feedback, Posting, RouteStep
from thidua.nominations.permissions import secretariat_over, step_actor
from thidua.org.models import RoleAssignment, Unit
from thidua.org.permissions import is_system_admin

CONTENT_MIN, CONTENT_MAX = 10, 5000
TRIAGE_STATUSES = {Feedback.Status.TO_VERIFY, Feedback.Status.DISMISSED, Feedback.Status.RESOLVED}
# Closing a feedback must say why, so the council can read how it was answered.
NEEDS_NOTE = {Feedback.Status.DISMISSED, Feedback.Status.RESOLVED}


# ---- the window ----------------------------------------------------------------------------------
def posting_policy(batch: Batch, *, today: date | None = None) -> Policy:
    """The awarding body's policy over the rule pack's defaults (a pack may set its own window)."""
    today = today or timezone.localdate()
    try:
        base = select_pack(batch.year, batch.submitted_on or today).policy
    except NoPackError:
        base = Policy()
    return Policy.from_mapping(policy_values(batch.awarding_unit), base=base)


def posting_window(*, opened_on: date, days: int, day_counts: bool, policy: dict) -> date:
    """The last day of a posting of `days` working days opened on `opened_on`.

    `policy` is a policy mapping (dates may be ISO strings): its `extra_holidays` and
    `extra_workdays` adjust the national calendar (the `holidays` package)."""
    if days < 1:
        raise DomainError(_("A posting lasts at least one working day."), field="working_days")
    try:
        rules = Policy.from_mapping(
            {k: policy[k] for k in ("extra_holidays", "extra_workdays") if k in policy}
        )
    except PolicyError as exc:
        raise DomainError(
            _("The organisation's days off are not valid: %(problem)s") % {"problem": exc},
            code="policy",
        ) from exc
    calendar = WorkCalendar.of(rules)
    return calendar.window_end(opened_on, days, start_counts=day_counts)


def posting_window_over(batch: Batch, today: date) -> bool:
    """Whether the open posting's window has ended (the day after its last day)."""
    posting = current_posting(batch)
    return posting is not None and today > posting.ends_on


def current_posting(batch: Batch) -> Posting | None:
    return batch.postings.filter(status=Posting.Status.OPEN).order_by("-opened_on", "-pk").first()


def posted_dossiers(batch: Batch):
    """The nominees a posting publishes: included in the proposal and passed by appraisal."""
    return batch.dossiers.filter(
        status=Dossier.Status.INCLUDED, appraisal=Dossier.Appraisal.PASSED
    ).select_related("award", "person__unit", "unit__parent", "owner_unit")


def runs_awarding_body(by: Any, batch: Batch) -> bool:
    """The secretariat over the awarding body, a system admin, or the system itself (None)."""
    return by is None or is_system_admin(by) or secretariat_over(by, batch.awarding_unit)


def locked_batch(batch: Batch) -> Batch:
    # `of=self`: PostgreSQL cannot lock the nullable side of the join to the current step.
    query = Batch.objects.select_for_update(of=("self",))
    return query.select_related("step", "route", "awarding_unit").get(pk=batch.pk)


# ---- opening and withdrawing a posting ---------------------------------------------------------
def _check_may_post(batch: Batch, by: Any) -> None:
    step = batch.step
    if batch.status != Batch.Status.IN_PROGRESS or step is None or step.kind != RouteStep.Kind.POST:
        raise DomainError(
            _("The nominees can be posted only when the proposal is at its public posting step."),
            code="not_post_step",
        )
    if not (by is None or is_system_admin(by) or step_actor(by, batch, step.actor)):
        raise DomainError(
            _("Only the emulation secretariat of the awarding body can post the nominees."),
            code="not_actor",
        )


def _defaults(batch: Batch, days: int | None, day_counts: bool | None) -> tuple[int, bool, dict]:
    values = policy_values(batch.awarding_unit)
    policy = posting_policy(batch)
    days = policy.posting_working_days if days is None else days
    day_counts = policy.posting_day_counts if day_counts is None else day_counts
    return days, day_counts, values


@transaction.atomic
def posting_open(
    *,
    batch: Batch,
    by: Any,
    opened_on: date | None = None,
    days: int | None = None,
    day_counts: bool | None = None,
    title: str = "",
    note: str = "",
) -> Posting:
    """Publish the appraised nominees. A posting already open for the proposal is withdrawn
    (a correction restarts the window: the public must see the list for the full period)."""
    batch = locked_batch(batch)
    _check_may_post(batch, by)
    if not posted_dossiers(batch).exists():
        raise DomainError(
            _("No nominee has passed appraisal yet: there is nobody to post."), code="no_nominee"
        )
    opened_on = opened_on or timezone.localdate()
    days, day_counts, values = _defaults(batch, days, day_counts)
    ends_on = posting_window(opened_on=opened_on, days=days, day_counts=day_counts, policy=values)
    for old in batch.postings.filter(status=Posting.Status.OPEN):
        old.status = Posting.Status.WITHDRAWN
        save_audited(old, by=by, reason=_("Replaced by a new posting."))
    title = title.strip() or _("Public posting of the nominees: %(title)s") % {"title": batch.title}
    posting = Posting(
        batch=batch, title=title[:500], note=note.strip(), opened_on=opened_on,
        working_days=days, day_counts=day_counts, ends_on=ends_on, created_by=actor(by),
    )  # fmt: skip
    save_audited(posting, by=by)
    return posting


@transaction.atomic
def posting_withdraw(*, posting: Posting, by: Any, reason: str) -> Posting:
    """Take a posting off the public pages (its page then answers 404); the reason is kept."""
    posting = Posting.objects.select_for_update().select_related("batch").get(pk=posting.pk)
    if not runs_awarding_body(by, posting.batch):
        raise DomainError(
            _("Only the emulation secretariat of the awarding body can withdraw a posting."),
            code="not_actor",
        )
    if posting.status == Posting.Status.WITHDRAWN:
        raise DomainError(_("This posting is already withdrawn."), code="withdrawn")
    if not reason.strip():
        raise DomainError(_("Say why the posting is withdrawn."), field="reason")
    posting.status = Posting.Status.WITHDRAWN
    save_audited(posting, by=by, reason=reason.strip())
    return posting


# ---- feedback ---------------------------------------------------------------------------------
def _check_open(posting: Posting, today: date) -> None:
    if posting.status != Posting.Status.OPEN or not posting.opened_on <= today <= posting.ends_on:
        raise DomainError(
            _("This posting is closed: feedback can no longer be sent."), code="closed"
        )


def _clean_content(content: str) -> str:
    # Kept as plain text: the pages escape it and never render HTML from the public.
    text = content.replace("\x00", "").strip()
    if len(text) < CONTENT_MIN:
        raise DomainError(
            _("Please write at least %(count)s characters.") % {"count": CONTENT_MIN},
            field="content",
            code="too_short",
        )
    if len(text) > CONTENT_MAX:
        raise DomainError(
            _("Please write at most %(count)s characters.") % {"count": CONTENT_MAX},
            field="content",
            code="too_long",
        )
    return text


@transaction.atomic
def feedback_submit(
    *,
    posting: Posting,
    name: str,
    contact: str,
    content: str,
    sender: str,
    dossier_id: int | None = None,
) -> Feedback:
    """A member of the public's feedback on a posting, while its window is open."""
    # Read afresh and locked: the posting may have been withdrawn since the page was shown,
    # and two messages from one sender must not slip past the throttle together.
    posting = Posting.objects.select_for_update().select_related("batch").get(pk=posting.pk)
    _check_open(posting, timezone.localdate())
    if not name.strip():
        raise DomainError(_("Please give your name."), field="name")
    text = _clean_content(content)
    digest = sender_hash(sender)
    sender_throttle(
        Feedback.objects, digest, per_hour=getattr(settings, "NOMINATIONS_FEEDBACK_PER_HOUR", 5)
    )
    dossier = None
    if dossier_id:
        dossier = posted_dossiers(posting.batch).filter(pk=dossier_id).first()
        if dossier is None:
            raise DomainError(_("Choose a nominee from the list."), field="dossier")
    feedback = Feedback(
        posting=posting, dossier=dossier, name=name.strip()[:150], contact=contact.strip()[:150],
        content=text, sender_hash=digest,
    )  # fmt: skip
    save_audited(feedback, by=None)
    transaction.on_commit(lambda: _notify_secretariat(feedback))
    return feedback


def secretariat_users(unit: Unit) -> list[Any]:
    """Users of the emulation secretariat whose scope covers `unit`."""
    rows = RoleAssignment.objects.filter(
        role=RoleAssignment.Role.SECRETARIAT, unit__isnull=False, user__is_active=True
    ).select_related("user", "unit")
    users = {row.user_id: row.user for row in rows if unit.path.startswith(row.unit.path)}
    return list(users.values())


def _notify_secretariat(feedback: Feedback) -> None:
    try:
        from thidua.core.notify import notify  # written by the routing part
    except ImportError:  # pragma: no cover - until that module lands
        return
    from django.urls import reverse

    batch = feedback.posting.batch
    notify(
        users=secretariat_users(batch.awarding_unit),
        kind="feedback",
        title=_("New feedback on the posting of %(title)s") % {"title": batch.title},
        url=reverse("nominations:feedback_triage", args=[feedback.pk]),
    )


@transaction.atomic
def feedback_triage(
    *, feedback: Feedback, status: str, note: str, by: Any, dossier: Dossier | None = None
) -> Feedback:
    """The secretariat's reading of a feedback: to verify, not relevant or answered, and the
    nominee it concerns (`dossier`; None means it concerns no particular nominee)."""
    feedback = (
        Feedback.objects.select_for_update().select_related("posting__batch").get(pk=feedback.pk)
    )
    batch = feedback.posting.batch
    if not runs_awarding_body(by, batch):
        raise DomainError(
            _("Only the emulation secretariat of the awarding body can triage feedback."),
            code="not_actor",
        )
    if status not in TRIAGE_STATUSES:
        raise DomainError(_("Choose what to do with this feedback."), field="status")
    if status in NEEDS_NOTE and not note.strip():
        raise DomainError(
            _("Write a note saying how the feedback was checked and answered."), field="note"
        )
    if dossier is not None and dossier.batch_id != batch.pk:
        raise DomainError(_("Choose a nominee of this proposal."), field="dossier")
    feedback.status = status
    feedback.triage_note = note.strip()
    feedback.dossier = dossier
    feedback.triaged_by = actor(by)
    feedback.triaged_at = timezone.now()
    save_audited(feedback, by=by)
    return feedback
