"""The demo's people and units with their histories: data only (the loader is demo_data.py)."""

from dataclasses import dataclass, field
from datetime import date

from thidua.awards.models import Discipline, Freeze, Initiative, Rating
from thidua.org.demo import data
from thidua.org.models import LeavePeriod, Person

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
    # The bloc boards closed on 3-2-2025; each led Cụm 6 once (2023, 2024). BTC-DUKDN's 2023
    # TTLĐXS is decided in the nominations demo (decision 125-QĐ/BTCTW), where the 2023 flag goes
    # to the unit the cluster's ballot chose (CTCCB-BCA, see thidua/scoring/demo_plan.py).
    AgencyYear("BTC-DUKDN", 2023, 0.2, 0.05, HTXS),
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
