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
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q

from thidua.awards import services
from thidua.awards.models import (
    AwardRecord,
    AwardType,
    Discipline,
    Freeze,
    Initiative,
    PersonRating,
    Rating,
    UnitYear,
)
from thidua.eligibility.context import full_months
from thidua.eligibility.facts import COUNTED_LEAVE
from thidua.org import services as org_services
from thidua.org.demo import data
from thidua.org.models import ClusterLeadership, LeavePeriod, Membership, Person, Unit

SYSTEM = None  # the acting user recorded for demo writes
SEED = "thidua-demo/awards"
HTXS, HTT, HT = Rating.HTXS, Rating.HTT, Rating.HT
UNIT_SCOPE, MINISTRY_SCOPE = Initiative.Scope.UNIT, Initiative.Scope.MINISTRY

# Who shows what, by staff code (the tests use these).
FIGHTERS_ON_HTXS = ("DEMO-0020", "DEMO-0029")  # Ban TCTW, HTXS 2025: CSTĐCS due
FIGHTER_ON_INITIATIVE = "DEMO-0028"  # Ban TCTW, HTT 2025 + a grassroots initiative
ADVANCED_WORKERS = ("DEMO-0019", "DEMO-0026")  # Ban TCTW, HTT 2025: LĐTT only
MOTHER = "DEMO-0014"  # Ban TCTW, maternity leave March–August 2025
DISCIPLINED = "DEMO-0030"  # Ban TCTW, reprimanded in September 2025
FROZEN = "DEMO-0033"  # Ban TCTW, a complaint verified since November 2025
RECRUIT = "DEMO-TD25-01"  # Ban TCTW, recruited on 1-8-2025 (created here)
MINISTRY_FIGHTER = "DEMO-0155"  # Cục TCCB – BCA: CSTĐCS 2023–2025 + initiative → CSTĐ bộ
PM_COMMENDATION = "DEMO-0187"  # Cục Tổ chức – TCCT: BK bộ 2020, then 5 years → BK TTg
BROKEN_CHAIN = "DEMO-0240"  # Cục Cán bộ – TCCT: CSTĐCS 2022, 2024, 2025, not 2023
REUSED_INITIATIVE = "DEMO-0177"  # Cục TCCB – BCA: its 2024 initiative grounded CSTĐCS 2024
TTLDXS_UNIT, SHORT_UNIT, FLAG_UNIT = "CTCCB-BCA", "BTC-DUCQD", "CCB-TCCT"


@dataclass(frozen=True)
class Body:
    """An issuer of decisions. Party bodies number them "Số 125-QĐ/BTCTW", State ones
    "Số: 45/QĐ-BCA"."""

    name: str
    code: str
    party: bool = False

    def ref(self, number: int) -> str:
        return f"Số {number}-QĐ/{self.code}" if self.party else f"Số: {number}/QĐ-{self.code}"


BTCTW = Body("Ban Tổ chức Trung ương", "BTCTW", party=True)
BCA = Body("Bộ Công an", "BCA")
BQP = Body("Bộ Quốc phòng", "BQP")
# Ministry-level titles (CSTĐ bộ, Bằng khen bộ, collective titles): the police and army units'
# own ministries; the Party bodies' sector head, Ban TCTW.
MINISTRIES = {"CTCCB-BCA": BCA, "CTC-TCCT": BQP, "CCB-TCCT": BQP}


def own_body(agency: str) -> Body:
    spec = data.UNITS_BY_CODE[agency]
    return Body(spec.name, spec.issuer_code, party=spec.style == data.PARTY)


@dataclass(frozen=True)
class InitiativeSpec:
    title: str
    year: int
    recognised_by: str
    recognition_ref: str
    scope: str = UNIT_SCOPE
    kind: str = Initiative.Kind.INITIATIVE


@dataclass(frozen=True)
class Decision:
    """A higher award a story person already holds."""

    award: str
    year: int
    body: Body
    number: int
    decided_on: date
    period_start: int | None = None
    uses: tuple[str, ...] = ()  # titles of the initiatives it was grounded on


@dataclass(frozen=True)
class Story:
    """A person whose ratings are set by hand; unit titles follow from them as for everyone."""

    staff_code: str
    agency: str
    ratings: dict[int, str]
    initiatives: tuple[InitiativeSpec, ...] = ()
    initiative_limb: dict[int, str] = field(default_factory=dict)  # year → initiative title
    decisions: tuple[Decision, ...] = ()


_CCB = "Hội đồng sáng kiến Cục Tổ chức cán bộ, Bộ Công an"
_REUSED_2024 = InitiativeSpec(
    "Chuẩn hóa quy trình tiếp nhận, thẩm định hồ sơ đề nghị khen thưởng trên môi trường điện tử",
    2024,
    _CCB,
    "Số: 1187/QĐ-TCCB",
)
_MINISTRY_2021 = InitiativeSpec(
    "Hoàn thiện quy trình quy hoạch cán bộ lãnh đạo cấp phòng trong Công an nhân dân",
    2021,
    "Hội đồng sáng kiến Bộ Công an",
    "Số: 5320/QĐ-BCA",
    scope=MINISTRY_SCOPE,
)
_CTC = "Hội đồng sáng kiến Cục Tổ chức, Tổng Cục Chính trị"
_BK_2019 = InitiativeSpec(
    "Ứng dụng phần mềm quản lý hồ sơ đảng viên tại Phòng Đảng viên", 2019, _CTC, "Số: 412/QĐ-CTC"
)
_BK_2020 = InitiativeSpec(
    "Cải tiến quy trình thẩm định hồ sơ kết nạp đảng viên trong các đơn vị trực thuộc",
    2020,
    _CTC,
    "Số: 385/QĐ-CTC",
)

STORIES = (
    Story(FIGHTERS_ON_HTXS[0], "BTCTW", {2025: HTXS}),
    Story(FIGHTERS_ON_HTXS[1], "BTCTW", {2025: HTXS}),
    Story(
        FIGHTER_ON_INITIATIVE,
        "BTCTW",
        {2025: HTT},
        initiatives=(
            InitiativeSpec(
                "Xây dựng cơ sở dữ liệu theo dõi việc thi hành Điều lệ Đảng ở các đảng bộ trực "
                "thuộc Trung ương",
                2025,
                "Hội đồng sáng kiến Ban Tổ chức Trung ương",
                "Số 1902-QĐ/BTCTW",
            ),
        ),
    ),
    Story(ADVANCED_WORKERS[0], "BTCTW", {2025: HTT}),
    Story(ADVANCED_WORKERS[1], "BTCTW", {2025: HTT}),
    Story(MOTHER, "BTCTW", {2025: HTT}),
    Story(DISCIPLINED, "BTCTW", {2025: HTT}),
    Story(FROZEN, "BTCTW", {2025: HTXS}),
    Story(RECRUIT, "BTCTW", {2025: HTT}),
    Story(
        MINISTRY_FIGHTER,
        "CTCCB-BCA",
        {2019: HTT} | dict.fromkeys(range(2020, 2026), HTXS),
        initiatives=(
            _MINISTRY_2021,
            InitiativeSpec(
                "Số hóa hồ sơ cán bộ phục vụ công tác quy hoạch, luân chuyển trong Công an nhân "
                "dân",
                2024,
                "Hội đồng sáng kiến Bộ Công an",
                "Số: 8841/QĐ-BCA",
                scope=MINISTRY_SCOPE,
            ),
        ),
        decisions=(
            Decision(
                "CSTD_BO",
                2022,
                BCA,
                2150,
                date(2023, 4, 12),
                period_start=2020,
                uses=(_MINISTRY_2021.title,),
            ),
        ),
    ),
    Story(
        PM_COMMENDATION,
        "CTC-TCCT",
        {2019: HTXS, 2020: HTXS, 2021: HTT, 2022: HTXS, 2023: HTXS, 2024: HTT, 2025: HTXS},
        initiatives=(_BK_2019, _BK_2020),
        decisions=(
            Decision(
                "BK_BO",
                2020,
                BQP,
                1523,
                date(2021, 4, 20),
                period_start=2019,
                uses=(_BK_2019.title, _BK_2020.title),
            ),
        ),
    ),
    Story(
        BROKEN_CHAIN,
        "CCB-TCCT",
        {2021: HTT, 2022: HTXS, 2023: HTT, 2024: HTXS, 2025: HTXS},
        initiatives=(
            InitiativeSpec(
                "Đề tài: Nâng cao chất lượng đào tạo, bồi dưỡng cán bộ chính trị cấp phân đội "
                "giai đoạn 2021–2025",
                2024,
                "Bộ Quốc phòng",
                "Số: 2716/QĐ-BQP",
                scope=MINISTRY_SCOPE,
                kind=Initiative.Kind.RESEARCH,
            ),
        ),
    ),
    Story(
        REUSED_INITIATIVE,
        "CTCCB-BCA",
        {2023: HTT, 2024: HTT, 2025: HTXS},
        initiatives=(
            _REUSED_2024,
            InitiativeSpec(
                "Tự động tổng hợp kết quả đánh giá, xếp loại cán bộ hằng năm",
                2025,
                _CCB,
                "Số: 1342/QĐ-TCCB",
            ),
        ),
        initiative_limb={2024: _REUSED_2024.title},
    ),
)
STORY_RATINGS = {(s.staff_code, y) for s in STORIES for y in s.ratings}


@dataclass(frozen=True)
class AgencyYear:
    """How an agency's staff did in a year, and the collective's own year if it has one."""

    unit: str
    year: int
    htxs: float  # share of the staff without a story rated HTXS
    ht: float  # share rated HT; the rest HTT
    rating: str = ""  # the collective's rating; "" = no unit year (not a Cụm 6 member)
    titles: tuple[str, ...] = ()  # collective titles held, decided the next spring
    decided: bool = True  # the staff's LĐTT and CSTĐCS for the year are decided
    party_clean_strong: bool | None = True
    counts: dict[str, int] = field(default_factory=dict)  # member counts entered by hand


AGENCY_YEARS = (
    # Ban TCTW is not a cluster member: its staff only. Its 2025 review meets after 15-1-2026.
    AgencyYear("BTCTW", 2023, 0.15, 0.1),
    AgencyYear("BTCTW", 2024, 0.15, 0.1),
    AgencyYear("BTCTW", 2025, 0.15, 0.1, decided=False),
    # The bloc boards closed on 3-2-2025; each led Cụm 6 once (2023, 2024).
    AgencyYear("BTC-DUKDN", 2023, 0.2, 0.05, HTXS, ("TTLDXS", "CO_BTCTW")),
    AgencyYear("BTC-DUKDN", 2024, 0.15, 0.1, HTT, ("TTLDTT",)),
    AgencyYear("BTC-DUKCCQ", 2023, 0.1, 0.15, HTT, ("TTLDTT",)),
    AgencyYear("BTC-DUKCCQ", 2024, 0.2, 0.05, HTXS, ("TTLDXS", "CO_BTCTW")),
    AgencyYear("CTCCB-BCA", 2023, 0.15, 0.1, HTXS, ("TTLDXS",)),
    AgencyYear("CTCCB-BCA", 2024, 0.15, 0.1, HTXS, ("TTLDXS",)),
    AgencyYear("CTCCB-BCA", 2025, 0.15, 0.1, HTXS),  # TTLĐXS due
    AgencyYear("CTC-TCCT", 2023, 0.1, 0.2, HTT, ("TTLDTT",)),
    AgencyYear("CTC-TCCT", 2024, 0.15, 0.1, HTXS, ("TTLDXS",)),
    AgencyYear("CTC-TCCT", 2025, 0.1, 0.2, HTT),
    AgencyYear("CCB-TCCT", 2023, 0.1, 0.15, HTT, ("TTLDTT",)),
    AgencyYear("CCB-TCCT", 2024, 0.1, 0.15, HTT, ("TTLDTT",)),
    AgencyYear("CCB-TCCT", 2025, 0.15, 0.1, HTXS),  # leads Cụm 6 in 2025: the flag is due
    # The successors' Party organisations are not assessed yet. Ban TC ĐU CCQĐTW has 13 members,
    # 12 of them in the demo (the 13th rated HT): entered by hand, 9 of 13 are LĐTT.
    AgencyYear(
        "BTC-DUCQD",
        2025,
        0.08,
        0.25,
        HTXS,
        party_clean_strong=None,
        counts={"roster": 13, "completed": 13, "ldtt": 9, "cstdcs": 1},
    ),
    AgencyYear("BTC-DUCP", 2025, 0.1, 0.2, HTT, party_clean_strong=None),
)


@dataclass(frozen=True)
class RecruitSpec:
    staff_code: str
    full_name: str
    gender: str
    birth_date: date
    employment_start: date
    unit: str
    position: str


RECRUITS = (
    RecruitSpec(
        RECRUIT,
        "Hoàng Thị Thu Trang",
        Person.Gender.FEMALE,
        date(2001, 4, 12),
        date(2025, 8, 1),
        "BTCTW-VP",
        "Chuyên viên",
    ),
)
LEAVES = (  # (staff code, kind, start, end, note)
    (MOTHER, LeavePeriod.Kind.MATERNITY, date(2025, 3, 1), date(2025, 8, 31), "Nghỉ thai sản"),
)
DISCIPLINES = (  # (staff code, form, decided on, ends on, decision)
    (
        DISCIPLINED,
        Discipline.Form.REPRIMAND,
        date(2025, 9, 18),
        date(2026, 9, 17),
        "Số 1875-QĐ/BTCTW",
    ),
)
FREEZES = (  # (staff code, kind, opened on, note)
    (FROZEN, Freeze.Kind.COMPLAINT, date(2025, 11, 12), "Đơn phản ánh đang được xác minh"),
)


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
