"""Deadlines of route steps, the notices sent when a proposal reaches someone, and reminders.

A step's deadline counts working days from the day after the proposal arrives, skipping
weekends, public holidays and the awarding body's own days off (policy `extra_holidays`, with
make-up working days `extra_workdays`). The time limits themselves are route data: the ND 152
limits were not read (law-updates-2025.md §2.2 e.3), so every one is editable."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from thidua.awards.facts import policy_values
from thidua.core.audit import save_audited
from thidua.core.notify import notify
from thidua.eligibility import Policy, PolicyError
from thidua.eligibility.calendar import WorkCalendar
from thidua.nominations.models import Batch, BatchMove, RouteStep
from thidua.nominations.selectors.routing import step_actors
from thidua.org.models import Unit

LIVE = (Batch.Status.IN_PROGRESS, Batch.Status.RETURNED)


def calendar_for(unit: Unit | None) -> WorkCalendar:
    """Working days with the days off and make-up days that apply in `unit`."""
    try:
        policy = Policy.from_mapping(policy_values(unit))
    except PolicyError:  # a bad setting is refused where it is saved; fall back to the law
        policy = Policy()
    return WorkCalendar.of(policy)


def due_on(step: RouteStep, unit: Unit | None, today: dt.date) -> dt.date | None:
    """The deadline of a step entered today; the day it arrives does not count."""
    if step.due_working_days is None:
        return None
    if step.due_working_days == 0:
        return today
    return calendar_for(unit).window_end(today, step.due_working_days, start_counts=False)


def enter_step(batch: Batch, step: RouteStep, today: dt.date) -> None:
    """Put the proposal at `step` with its deadline (the caller saves it)."""
    batch.step = step
    batch.step_entered_at = timezone.now()
    batch.step_due_on = due_on(step, batch.awarding_unit, today)
    batch.reminded_on = None


def batch_url(batch: Batch) -> str:
    try:
        return reverse("nominations:batch_detail", args=[batch.pk])
    except NoReverseMatch:  # the proposal page belongs to the pages part; a link is optional
        return ""


def site_language() -> Any:
    """Notices are read later, by other people: they are written in the site's language."""
    return translation.override(settings.LANGUAGE_CODE)


def _date(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def tell(users: list, batch: Batch, *, by: Any, kind: str, title: str, body: str = "") -> int:
    """Notify `users` about `batch`, never the one who acted."""
    users = [u for u in users if by is None or u.pk != by.pk]
    return notify(users=users, kind=kind, title=title, body=body, url=batch_url(batch))


def step_body(batch: Batch, note: str = "") -> str:
    lines = [_("Step: %(step)s.") % {"step": batch.step.name}]
    if batch.step_due_on:
        lines.append(_("Due on %(date)s.") % {"date": _date(batch.step_due_on)})
    if note:
        lines.append(note)
    return "\n".join(lines)


def announce_step(batch: Batch, *, by: Any, returned: bool, note: str = "") -> int:
    """Tell the actors of the step the proposal has just reached."""
    with site_language():
        if returned:
            title = _("The proposal “%(title)s” was returned to you")
        else:
            title = _("A proposal is waiting for you: “%(title)s”")
        return tell(
            step_actors(batch), batch, by=by, kind="nominations.step",
            title=title % {"title": batch.title}, body=step_body(batch, note),
        )  # fmt: skip


def reminders_send(today: dt.date) -> int:
    """Remind the actors of every moving proposal whose step is due within the step's reminder
    window (or overdue), once a day. Returns how many proposals were reminded."""
    calendars: dict[int, WorkCalendar] = {}
    waiting = (
        Batch.objects.filter(status__in=LIVE, step__isnull=False, step_due_on__isnull=False)
        .exclude(reminded_on=today)
        .select_related("step", "awarding_unit", "proposer", "cluster")
        .order_by("pk")
    )
    sent = 0
    for batch in waiting:
        cal = calendars.setdefault(batch.awarding_unit_id, calendar_for(batch.awarding_unit))
        left = cal.working_days(today + dt.timedelta(days=1), batch.step_due_on)
        if left > batch.step.remind_before_days:
            continue
        with transaction.atomic():  # one proposal's failure does not lose the others' reminders
            _remind(batch, today, overdue=batch.step_due_on < today)
        sent += 1
    return sent


def _remind(batch: Batch, today: dt.date, *, overdue: bool) -> None:
    with site_language():
        values = {"date": _date(batch.step_due_on), "title": batch.title}
        if overdue:
            title = _("Overdue since %(date)s: the proposal “%(title)s”") % values
        else:
            title = _("Due on %(date)s: the proposal “%(title)s”") % values
        notified = tell(
            step_actors(batch), batch, by=None, kind="nominations.reminder", title=title,
            body=step_body(batch),
        )  # fmt: skip
        reason = str(BatchMove.Action.REMIND.label)
    batch.reminded_on = today
    save_audited(batch, by=None, reason=reason, clean=False)
    BatchMove.objects.create(
        batch=batch, action=BatchMove.Action.REMIND, from_step=batch.step, to_step=batch.step,
        detail={"due_on": batch.step_due_on.isoformat(), "overdue": overdue, "notified": notified},
    )  # fmt: skip
