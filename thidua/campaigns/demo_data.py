"""Demo movements, indicators and reports of Cụm thi đua số 6 (data in `demo_plan`).

Loaded by `manage.py load_demo` after the organisation. Every write goes through the services
(so the audit trail reads as if people did it); dates of past events are then set to the day
they happened in the story. Records have natural keys and are skipped when present, so a second
run writes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from collections import Counter
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from thidua.campaigns import demo_plan as plan
from thidua.campaigns import demo_stories as stories
from thidua.campaigns import services
from thidua.campaigns.figures import KEYS_BY_FREQUENCY
from thidua.campaigns.models import (
    Indicator,
    IndicatorReport,
    IndicatorTarget,
    Movement,
    MovementEvent,
    Pledge,
    PledgeSignature,
    Registration,
    ReportEvent,
    ReportingPeriod,
)
from thidua.campaigns.services import pledges, registrations
from thidua.campaigns.services.reports import (
    period_close,
    periods_ensure,
    report_record,
    report_transition,
)
from thidua.core.audit import save_audited
from thidua.org.demo.data import UNITS
from thidua.org.models import Cluster, Membership, Unit
from thidua.org.selectors import cluster_members, unit_people

S = IndicatorReport.Status
OPEN_STATUSES = {"launched", "in_progress"}  # the rest of a story's path comes after registering
HEAD_TITLES = {spec.head_title for spec in UNITS}
NOW = dt.date(2026, 11, 28)  # the story's "today": Q3 2026 is under review, Q4 not yet due


def load() -> Counter[str]:
    cluster = Cluster.objects.filter(
        number=plan.CLUSTER_NUMBER, organiser__code=plan.ORGANISER
    ).first()
    if cluster is None:  # the organisation demo is not loaded
        return Counter()
    with transaction.atomic():
        return _Writer(cluster).run()


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class _Writer:
    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.created: Counter[str] = Counter()
        self.units = {u.code: u for u in Unit.objects.all()}
        users = get_user_model().objects.in_bulk(
            ["cumtruong6", "donvi_ducqd", "donvi_ducp", "donvi_bca", "donvi_tcct", "donvi_ccb"],
            field_name="username",
        )
        self.leader = users.get("cumtruong6")
        self.officers = {
            "BTC-DUCQD": users.get("donvi_ducqd"),
            "BTC-DUCP": users.get("donvi_ducp"),
            "CTCCB-BCA": users.get("donvi_bca"),
            "CTC-TCCT": users.get("donvi_tcct"),
            "CCB-TCCT": users.get("donvi_ccb"),
        }

    def run(self) -> Counter[str]:
        movements = [(spec, self.movement(spec)) for spec in plan.MOVEMENTS]
        for spec, movement in movements:
            self.registrations(spec, movement)
            self.finish_movement(spec, movement)
        self.seed_year_2023()
        for year in (2025, 2026):
            self.recent_year(year)
        self.pledge_2025()
        self.pledge_2026()
        return self.created

    # ---- movements ------------------------------------------------------------------------
    def movement(self, spec: plan.MovementSpec) -> Movement:
        found = Movement.objects.filter(title=spec.title).first()
        if found:
            return found
        organised = spec.authority == plan.ORGANISER
        movement = services.movement_create(
            by=None,
            title=spec.title,
            kind=spec.kind,
            authority=self.units[spec.authority],
            decision_number=spec.decision_number,
            decision_date=spec.decision_date,
            # Ban TCTW's movements reach the sector through the clusters it organises; the bloc
            # Party committee's campaign reaches its own subtree.
            reach=Movement.Reach.CLUSTERS if organised else Movement.Reach.SECTOR,
            clusters=list(self.cluster.organiser.organised_clusters.all()) if organised else [],
            starts_on=spec.starts_on,
            ends_on=spec.ends_on,
            goals=spec.goals,
            slogan=spec.slogan,
        )
        for status, day in spec.path:
            if status in OPEN_STATUSES:
                self.move(movement, status, day)
        self.created["movements"] += 1
        return movement

    def move(self, movement: Movement, status: str, day: dt.date) -> None:
        services.movement_transition(movement=movement, to=status, by=None)
        MovementEvent.objects.filter(movement=movement, to_status=status).update(at=at(day))

    def finish_movement(self, spec: plan.MovementSpec, movement: Movement) -> None:
        """The deadline is set once the story's registrations are in (they were made on time),
        then the movement goes on to review and closing as the story says."""
        if spec.registration_deadline and movement.registration_deadline is None:
            services.movement_update(
                movement=movement, by=None, registration_deadline=spec.registration_deadline
            )
        for status, day in spec.path:
            movement.refresh_from_db()
            if status not in OPEN_STATUSES and status in services.TRANSITIONS[movement.status]:
                self.move(movement, status, day)

    # ---- registrations and pledges (demo_stories) -----------------------------------------
    def registrations(self, spec: plan.MovementSpec, movement: Movement) -> None:
        for story in stories.REGISTRATIONS.get(spec.title, ()):
            unit = self.units[story.unit]
            if Registration.objects.filter(movement=movement, unit=unit).exists():
                continue
            officer = self.officers.get(story.unit)
            registration = registrations.registration_open(movement=movement, unit=unit, by=officer)
            for code in story.collective:
                registrations.registration_entry_add(
                    registration=registration, award_code=code, by=officer
                )
            people = list(unit_people(unit).order_by("staff_code"))
            for code, count in story.individual:
                registrations.registration_entries_add(
                    registration=registration, award_code=code, people=people[:count], by=officer
                )
            if story.status != Registration.Status.DRAFT:
                registrations.registration_submit(registration=registration, by=officer)
            if story.status == Registration.Status.APPROVED:
                registrations.registration_approve(
                    registration=registration, by=self.head_of(story.unit)
                )
            self.created["registrations"] += 1

    def head_of(self, code: str) -> Any:
        head = (
            get_user_model()
            .objects.filter(role_assignments__role="unit_head", role_assignments__unit__code=code)
            .first()
        )
        return head or get_user_model().objects.get(username="admin")

    def pledge_2025(self) -> None:
        year = 2025
        if Pledge.objects.filter(cluster=self.cluster, year=year).exists():
            return
        indicators = {i.code: i for i in Indicator.objects.filter(cluster=self.cluster, year=year)}
        pledge = self.draft_pledge(year, indicators)
        pledges.pledge_open_for_signing(pledge=pledge, by=self.leader)
        opened = plan.PLEDGE_2025_OPENED
        Pledge.objects.filter(pk=pledge.pk).update(opened_at=at(opened))
        for day, unit in enumerate(self.members(year)):
            self.sign(pledge, unit, opened + dt.timedelta(days=day))
        Pledge.objects.filter(pk=pledge.pk).update(in_force_at=at(opened + dt.timedelta(days=4)))
        self.created["pledges"] += 1

    def pledge_2026(self) -> None:
        """2026: the pledge is open and three of the five members have signed."""
        year = 2026
        if Pledge.objects.filter(cluster=self.cluster, year=year).exists():
            return
        indicators = {i.code: i for i in Indicator.objects.filter(cluster=self.cluster, year=year)}
        pledge = self.draft_pledge(year, indicators, theme=plan.PLEDGE_2026_THEME)
        pledges.pledge_open_for_signing(pledge=pledge, by=self.leader)
        Pledge.objects.filter(pk=pledge.pk).update(opened_at=at(dt.date(year, 3, 4)))
        for day, unit in enumerate(self.members(year)[:3]):
            self.sign(pledge, unit, dt.date(year, 3, 4) + dt.timedelta(days=day))
        self.created["pledges"] += 1

    def draft_pledge(
        self, year: int, indicators: dict[str, Indicator], theme: str = plan.PLEDGE_2025_THEME
    ) -> Pledge:
        pledge = pledges.pledge_create(
            cluster=self.cluster, year=year, theme=theme, preamble=plan.pledge_preamble(year),
            place=plan.PLEDGE_2025_PLACE, by=self.leader,
        )  # fmt: skip
        for text, codes in plan.PLEDGE_2025_ITEMS:
            pledges.pledge_item_add(
                pledge=pledge, text=text, indicators=[indicators[c] for c in codes], by=self.leader
            )
        return pledge

    def sign(self, pledge: Pledge, unit: Unit, day: dt.date) -> None:
        head = unit_head_post(unit)
        signature = pledges.pledge_sign(
            pledge=pledge, unit=unit, signer_name=head[0], signer_position=head[1],
            by=self.officers.get(unit.code),
        )  # fmt: skip
        PledgeSignature.objects.filter(pk=signature.pk).update(signed_at=at(day, 14))

    def members(self, year: int) -> list[Unit]:
        return sorted(
            (m.unit for m in cluster_members(self.cluster, on=dt.date(year, 3, 31))),
            key=lambda unit: unit.code,
        )

    # ---- indicators -----------------------------------------------------------------------
    def indicator(self, spec: plan.IndicatorSpec, year: int, order: int) -> Indicator:
        found = Indicator.objects.filter(cluster=self.cluster, year=year, code=spec.code).first()
        if found:
            return found
        indicator = Indicator(
            cluster=self.cluster,
            year=year,
            code=spec.code,
            name=spec.name,
            kind=spec.kind,
            unit_of_measure=spec.unit_of_measure,
            numerator_label=spec.numerator_label,
            denominator_label=spec.denominator_label,
            target=Decimal(spec.target) if spec.target is not None else None,
            direction=spec.direction,
            frequency=spec.frequency,
            order=order,
        )
        save_audited(indicator, by=None)
        for code, target in spec.unit_targets.items():
            save_audited(
                IndicatorTarget(indicator=indicator, unit=self.units[code], target=Decimal(target)),
                by=None,
            )
        self.created["indicators"] += 1
        return indicator

    def indicators(self, specs: tuple[plan.IndicatorSpec, ...], year: int) -> dict[str, Indicator]:
        periods_ensure(cluster=self.cluster, year=year, by=None)
        return {spec.code: self.indicator(spec, year, n) for n, spec in enumerate(specs, 1)}

    def periods(self, year: int) -> dict[str, ReportingPeriod]:
        return {p.key: p for p in ReportingPeriod.objects.filter(cluster=self.cluster, year=year)}

    # ---- reports --------------------------------------------------------------------------
    def report(
        self,
        *,
        indicator: Indicator,
        unit: Unit,
        period: ReportingPeriod,
        figures: dict[str, Any],
        submitted: dt.date | None,
        note: str = "",
        outcome: str = S.ACCEPTED,
        reason: str = "",
    ) -> IndicatorReport:
        found = IndicatorReport.objects.filter(indicator=indicator, unit=unit, period=period)
        if found.exists():
            return found.get()
        officer = self.officers.get(unit.code)
        report, _ = report_record(
            indicator=indicator, unit=unit, period=period, figures=figures, by=officer, note=note,
            today=max(period.starts_on, submitted or period.ends_on),
        )  # fmt: skip
        self.created["indicator reports"] += 1
        if submitted is None:
            return report
        report = report_transition(report=report, to=S.SUBMITTED, by=officer, now=at(submitted, 10))
        reviewed = at(submitted + dt.timedelta(days=3), 15)
        if outcome in (S.ACCEPTED, S.RETURNED):
            report = report_transition(
                report=report, to=outcome, by=self.leader, reason=reason, now=reviewed
            )
        for event in ReportEvent.objects.filter(report=report):
            event.at = at(submitted, 10) if event.to_status == S.SUBMITTED else reviewed
            event.save(update_fields=["at"])
        return report

    def seed_year_2023(self) -> None:
        indicators = self.indicators(plan.INDICATORS_2023, 2023)
        year_end = self.periods(2023)["Y"]
        for unit_code, figures in plan.SEED_FIGURES_2023.items():
            for code, (numbers, note) in figures.items():
                self.report(
                    indicator=indicators[code],
                    unit=self.units[unit_code],
                    period=year_end,
                    figures=numbers,
                    note=note,
                    submitted=plan.SEED_REPORTED_ON,
                )
        self.close_year(2023)

    def close_year(self, year: int) -> None:
        for period in self.periods(year).values():
            if not period.is_closed:
                period_close(period=period, by=self.leader, reason="Kết thúc năm thi đua.")
                ReportingPeriod.objects.filter(pk=period.pk).update(
                    closed_at=at(dt.date(year + 1, 1, 20))
                )

    def recent_year(self, year: int) -> None:
        indicators = self.indicators(plan.INDICATORS_RECENT, year)
        periods = self.periods(year)
        members = self.members(year)
        for spec in plan.INDICATORS_RECENT:
            indicator = indicators[spec.code]
            for step, key in enumerate(KEYS_BY_FREQUENCY[spec.frequency], 1):
                period = periods[key]
                if period.due_on >= NOW and period.ends_on >= NOW:
                    continue  # not yet reported: the dashboard counts down to it
                for place, unit in enumerate(members):
                    self.recent_report(indicator, unit, period, step, place)
        if year < NOW.year:
            self.close_year(year)

    def recent_report(
        self, indicator: Indicator, unit: Unit, period: ReportingPeriod, step: int, place: int
    ) -> None:
        rng = random.Random(zlib.crc32(f"{indicator.code}/{unit.code}/{period.key}".encode()))
        figures = synthetic_figures(indicator, unit, step, rng)
        submitted = period.due_on - dt.timedelta(days=rng.randint(1, 8))
        outcome, reason = S.ACCEPTED, ""
        if period.year == NOW.year and period.due_on > NOW - dt.timedelta(days=60):
            # The latest period is still being reviewed: the first member reported late, the
            # second had its document ratio returned, the third awaits review, the fourth has
            # only a draft.
            if place == 0:
                submitted = period.due_on + dt.timedelta(days=4)
            elif place == 1 and indicator.kind == Indicator.Kind.RATIO:
                outcome = S.RETURNED
                reason = (
                    "Số văn bản đến chưa khớp với sổ đăng ký văn bản của cơ quan; "
                    "đề nghị rà soát, bổ sung minh chứng."
                )
            elif place == 2:
                outcome = S.SUBMITTED
            elif place == 3:
                submitted = None
        self.report(
            indicator=indicator, unit=unit, period=period, figures=figures, submitted=submitted,
            outcome=outcome, reason=reason,
        )  # fmt: skip


def unit_head_post(unit: Unit) -> tuple[str, str]:
    """The name and title of whoever holds the unit's head post (the demo staffs every unit)."""
    head = (
        Membership.objects.filter(unit=unit, end_date__isnull=True, is_concurrent=False)
        .select_related("person")
        .order_by("start_date", "pk")
        .filter(position__in=HEAD_TITLES)
        .first()
    )
    if head is None:
        return ("—", "Thủ trưởng đơn vị")
    return (head.person.full_name, head.position)


def synthetic_figures(
    indicator: Indicator, unit: Unit, step: int, rng: random.Random
) -> dict[str, int]:
    """Year-to-date figures after `step` periods, drawn from a seed per unit and indicator."""
    scale = {"CTCCB-BCA": 18, "CTC-TCCT": 2, "CCB-TCCT": 3}.get(unit.code, 1)
    kind = indicator.kind
    if kind == Indicator.Kind.RATIO:
        due = step * rng.randint(900, 1300) * scale
        return {"numerator": int(due * rng.uniform(0.9, 0.995)), "denominator": due}
    if kind == Indicator.Kind.PERCENTAGE:
        return {"value": min(100, 55 + 8 * step + rng.randint(0, 12))}
    if kind == Indicator.Kind.YES_NO:
        return {"value": 0 if rng.random() < 0.15 else 1}
    if indicator.direction == Indicator.Direction.AT_MOST:
        return {"value": 1 if rng.random() < 0.1 else 0}
    quarterly = rng.randint(230, 290) * (scale if scale > 1 else 1)
    return {"value": step * quarterly}
