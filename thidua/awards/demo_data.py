"""Demo award history and achievement records, 2019–2025, for the demo organisation.

Loaded by `manage.py load_demo` after the organisation (thidua.core.demo). Judged for 2025 on
15-1-2026 under the ND 152 pack, the data shows (staff codes from thidua.org.demo.plan):

- Ban Tổ chức Trung ương has rated its staff for 2025 but not yet decided their titles: several
  people are due LĐTT and CSTĐCS (two on the HTXS limb, one on the initiative limb), beside a
  maternity leave that still qualifies, a reprimand that caps the rating, a complaint being
  verified (deferred) and a recruit of August 2025 (under six months).
- Cụm 6's member units have decided their 2025 LĐTT and CSTĐCS; the higher awards are being
  judged: a police officer due CSTĐ cấp bộ, an army officer due Bằng khen Thủ tướng, one whose
  CSTĐCS chain misses 2023, one whose only fresh initiative is not enough for Bằng khen bộ (the
  other grounded CSTĐCS 2024), a unit due TTLĐXS, a successor board at 9 of 13 LĐTT (69.2 %),
  and the 2025 cluster leader due the Ban TCTW flag.

Everyone else on the rosters gets ratings and titles drawn from fixed seeds. Records have natural
keys (person + year, person + title, award + subject + year, unit + year) and are skipped when
they exist, so a second run writes nothing. Decision numbers and issuers are ILLUSTRATIVE.
"""

import random
import zlib
from collections import Counter
from datetime import date

from django.db import transaction
from django.db.models import Q

from thidua.awards import services
from thidua.awards.demo_stories import (
    AGENCY_YEARS,
    BTCTW,
    DISCIPLINES,
    FREEZES,
    HT,
    HTT,
    HTXS,
    LEAVES,
    MINISTRIES,
    RECRUITS,
    SEED,
    STORIES,
    STORY_RATINGS,
    SYSTEM,
    AgencyYear,
    Body,
    InitiativeSpec,
    Story,
    own_body,
)
from thidua.awards.models import (
    AwardRecord,
    AwardType,
    Discipline,
    Freeze,
    Initiative,
    PersonRating,
    UnitYear,
)
from thidua.eligibility.context import full_months
from thidua.eligibility.facts import COUNTED_LEAVE
from thidua.org import services as org_services
from thidua.org.demo import data
from thidua.org.models import ClusterLeadership, LeavePeriod, Membership, Person, Unit


def load() -> Counter[str]:
    """Write what is missing, in one transaction; nothing when the organisation demo is absent."""
    wanted = {s.staff_code for s in STORIES} - {r.staff_code for r in RECRUITS}
    found = set(Person.objects.filter(staff_code__in=wanted).values_list("staff_code", flat=True))
    if not found:
        return Counter()
    if wanted - found:  # the organisation demo changed under the stories
        raise LookupError(f"The demo organisation has no {', '.join(sorted(wanted - found))}.")
    with transaction.atomic():
        if not AwardType.objects.exists():
            services.catalogue_sync()
        return _Writer().run()


def decision_number(*key: object) -> int:
    """A stable decision number for a unit's yearly decision (crc32: the same on every run)."""
    return 100 + zlib.crc32("/".join(map(str, key)).encode()) % 1900


def away_months(leaves: list[LeavePeriod], year: int) -> int:
    """Months of leave in `year` that do not count as worked time (as the engine counts)."""
    total = 0
    for leave in leaves:
        if leave.kind not in COUNTED_LEAVE:
            start = max(leave.start_date, date(year, 1, 1))
            total += full_months(start, min(leave.end_date, date(year, 12, 31)))
    return total


def earns_ldtt(person: Person, year: int, rating: str) -> bool:
    """HTT or better, six months worked, no discipline in the year (law.md b.1)."""
    if rating not in (HTXS, HTT):
        return False
    if any(d.decided_on.year == year for d in person.disciplines.all()):
        return False
    start = max(person.employment_start or date(year, 1, 1), date(year, 1, 1))
    away = away_months(list(person.leave_periods.all()), year)
    return full_months(start, date(year, 12, 31)) - away >= 6


def baseline_ratings(spec: AgencyYear, people: list[Person]) -> dict[Person, str]:
    """Ratings by share for those without a story, drawn from a seed per agency and year."""
    pool = [p for p in people if (p.staff_code, spec.year) not in STORY_RATINGS]
    random.Random(f"{SEED}/{spec.unit}/{spec.year}").shuffle(pool)
    top, low = round(spec.htxs * len(pool)), round(spec.ht * len(pool))
    ratings = {p: HTXS for p in pool[:top]} | {p: HT for p in pool[top : top + low]}
    for person in pool[top + low :]:
        ratings[person] = HTT
    for person in pool:  # away 3 months or more (not maternity): not HTT (ND 90/2020)
        if away_months(list(person.leave_periods.all()), spec.year) >= 3:
            ratings[person] = HT
    return ratings


def roster(unit: Unit, year: int) -> list[Person]:
    """People whose main post at year end lies in the unit's subtree (as the facts count them)."""
    end = date(year, 12, 31)
    posts = Membership.objects.filter(
        unit__path__startswith=unit.path, is_concurrent=False, start_date__lte=end
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=end))
    people = Person.objects.filter(pk__in=posts.values("person_id"))
    return list(people.prefetch_related("leave_periods", "disciplines").order_by("staff_code"))


class _Writer:
    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self.awards = {a.code: a for a in AwardType.objects.all()}
        self.units = {u.code: u for u in Unit.objects.exclude(code="")}
        self.rated = set(PersonRating.objects.values_list("person_id", "year"))
        self.held = set(
            AwardRecord.objects.filter(revoked=False).values_list(
                "award__code", "person_id", "unit_id", "year"
            )
        )
        self.initiatives = {(i.person_id, i.title): i for i in Initiative.objects.all()}
        self.unit_years = set(UnitYear.objects.values_list("unit_id", "year"))
        self.agency_years = {(a.unit, a.year): a for a in AGENCY_YEARS}

    def run(self) -> Counter[str]:
        self.ensure_recruits()
        codes = [s.staff_code for s in STORIES]
        self.people = {p.staff_code: p for p in Person.objects.filter(staff_code__in=codes)}
        self.ensure_events()
        for story in STORIES:
            self.write_story(story)
        for spec in AGENCY_YEARS:
            self.write_agency_year(spec)
        return self.created

    # ---- people and their events ---------------------------------------------------------

    def ensure_recruits(self) -> None:
        for spec in RECRUITS:
            if Person.objects.filter(staff_code=spec.staff_code).exists():
                continue
            org_services.person_create(
                by=SYSTEM,
                unit=self.units[spec.unit],
                position=spec.position,
                start_date=spec.employment_start,
                full_name=spec.full_name,
                gender=spec.gender,
                birth_date=spec.birth_date,
                employment_start=spec.employment_start,
                staff_code=spec.staff_code,
            )
            self.created["people"] += 1

    def ensure_events(self) -> None:
        for code, kind, start, end, note in LEAVES:
            person = self.people[code]
            if not person.leave_periods.filter(kind=kind, start_date=start).exists():
                org_services.leave_add(
                    person=person, kind=kind, start_date=start, end_date=end, note=note, by=SYSTEM
                )
                self.created["leave periods"] += 1
        for code, form, decided_on, ends_on, ref in DISCIPLINES:
            person = self.people[code]
            if not Discipline.objects.filter(person=person, decided_on=decided_on).exists():
                services.discipline_add(
                    person=person,
                    by=SYSTEM,
                    form=form,
                    decided_on=decided_on,
                    ends_on=ends_on,
                    decision_ref=ref,
                )
                self.created["disciplines"] += 1
        for code, kind, opened_on, note in FREEZES:
            person = self.people[code]
            if not Freeze.objects.filter(person=person, kind=kind, opened_on=opened_on).exists():
                services.freeze_open(
                    by=SYSTEM, kind=kind, opened_on=opened_on, person=person, note=note
                )
                self.created["verifications"] += 1

    def initiative(self, person: Person, spec: InitiativeSpec) -> Initiative:
        key = (person.pk, spec.title)
        if key not in self.initiatives:
            self.initiatives[key] = services.initiative_add(
                person=person,
                by=SYSTEM,
                title=spec.title,
                year=spec.year,
                scope=spec.scope,
                kind=spec.kind,
                recognised_by=spec.recognised_by,
                recognition_ref=spec.recognition_ref,
            )
            self.created["initiatives"] += 1
        return self.initiatives[key]

    # ---- individual years ----------------------------------------------------------------

    def write_story(self, story: Story) -> None:
        person = self.people[story.staff_code]
        for spec in story.initiatives:
            self.initiative(person, spec)
        for year, rating in sorted(story.ratings.items()):
            grounds = story.initiative_limb.get(year)
            used = self.initiatives[(person.pk, grounds)] if grounds else None
            self.write_person_year(person, story.agency, year, rating, used)
        for d in story.decisions:
            used = [self.initiatives[(person.pk, title)] for title in d.uses]
            self.record(
                d.award,
                d.year,
                d.body,
                d.number,
                d.decided_on,
                person=person,
                period_start=d.period_start,
                initiatives=used,
            )

    def write_person_year(
        self, person: Person, agency: str, year: int, rating: str, grounds: Initiative | None
    ) -> None:
        """The rating, then the LĐTT and CSTĐCS it earns once the agency has decided."""
        if (person.pk, year) in self.rated:
            return
        services.rating_set(person=person, year=year, rating=rating, by=SYSTEM)
        self.rated.add((person.pk, year))
        self.created["annual ratings"] += 1
        spec = self.agency_years.get((agency, year))
        if (spec and not spec.decided) or not earns_ldtt(person, year, rating):
            return
        body, decided_on = own_body(agency), date(year, 12, 26)
        number = decision_number(agency, year, "LDTT")
        self.record("LDTT", year, body, number, decided_on, person=person)
        if rating == HTXS or grounds:
            self.record(
                "CSTDCS",
                year,
                body,
                number + 1,
                decided_on,
                person=person,
                limb=AwardRecord.Limb.HTXS if rating == HTXS else AwardRecord.Limb.INITIATIVE,
                initiatives=[grounds] if grounds and rating != HTXS else [],
            )

    # ---- agencies and collectives --------------------------------------------------------

    def write_agency_year(self, spec: AgencyYear) -> None:
        unit = self.units[spec.unit]
        people = roster(unit, spec.year)
        for person, rating in sorted(
            baseline_ratings(spec, people).items(), key=lambda item: item[0].staff_code
        ):
            self.write_person_year(person, spec.unit, spec.year, rating, None)
        if spec.rating:
            self.write_unit_year(unit, spec)

    def write_unit_year(self, unit: Unit, spec: AgencyYear) -> None:
        if (unit.pk, spec.year) not in self.unit_years:
            led = ClusterLeadership.objects.filter(
                cluster__number=data.CLUSTER_6.number,
                unit=unit,
                year=spec.year,
                role=ClusterLeadership.Role.LEADER,
            ).exists()
            services.unit_year_set(
                unit=unit,
                year=spec.year,
                by=SYSTEM,
                rating=spec.rating,
                led_cluster=UnitYear.Led.MINISTRY if led else UnitYear.Led.NONE,
                party_clean_strong=spec.party_clean_strong,
                **spec.counts,
            )
            self.unit_years.add((unit.pk, spec.year))
            self.created["unit years"] += 1
        for code in spec.titles:
            # The sector's flag at the cluster's January review; the rest in the spring.
            body = BTCTW if code == "CO_BTCTW" else MINISTRIES.get(spec.unit, BTCTW)
            on = date(spec.year + 1, 1, 22) if code == "CO_BTCTW" else date(spec.year + 1, 3, 16)
            number = decision_number(body.code, spec.year, code)
            self.record(code, spec.year, body, number, on, unit=unit)

    def record(
        self,
        award: str,
        year: int,
        body: Body,
        number: int,
        decided_on: date,
        *,
        person: Person | None = None,
        unit: Unit | None = None,
        **values: object,
    ) -> None:
        key = (award, person.pk if person else None, unit.pk if unit else None, year)
        if key in self.held:
            return
        services.award_record_add(
            award=self.awards[award],
            year=year,
            by=SYSTEM,
            person=person,
            unit=unit,
            decision_number=body.ref(number),
            decision_date=decided_on,
            issuer=body.name,
            **values,
        )
        self.held.add(key)
        self.created["awards received"] += 1
