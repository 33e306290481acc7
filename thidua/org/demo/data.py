"""The fixed demo organisation: the Party organisation sector, Cụm thi đua số 6 and Cụm số 3.

Sources: the seed article (/work/shared/seed/cum-thi-dua-so-6.txt) for Cụm 6, its five members and
its 2023 leader; docs law.md §d and law-updates-2025.md §3 for the sector and the 2025
restructuring. Everything else is marked as an assumption or as synthetic where it is defined.
Unit codes are the demo's natural keys. Issuer codes are ILLUSTRATIVE: the real abbreviations used
in these bodies' document numbers were not checked.

Tree layout: the unit tree is the line of management (whose staff records a unit officer keeps),
so each member unit hangs under its own host body (Bộ Công an, Tổng Cục Chính trị, a bloc Party
committee, a provincial Party committee), and those hosts are separate roots. Only Ban Tổ chức
Trung ương sits under the sector root. Membership of the sector is expressed by the clusters, not
by the tree; hanging Bộ Công an under the sector root would give a sector-wide scope the police's
personnel records.
"""

import datetime as dt
from dataclasses import dataclass

PARTY, STATE, ARMED = "party", "state", "armed_forces"
SECTOR, AGENCY, DEPARTMENT = "sector", "agency", "department"

# Staff (non-leading) position titles by kind of body, most senior first; juniors are drawn more
# often. Police and military departments call their staff "Cán bộ" and "Trợ lý".
CIVIL_STAFF = ("Chuyên viên chính", "Chuyên viên")
CENTRAL_STAFF = ("Chuyên viên cao cấp", "Chuyên viên chính", "Chuyên viên")
POLICE_STAFF = ("Cán bộ",)
MILITARY_STAFF = ("Trợ lý",)

# Head and deputy titles of a department, by the first word(s) of its name.
DEPARTMENT_TITLES = {
    "Vụ": ("Vụ trưởng", "Phó Vụ trưởng"),
    "Văn phòng": ("Chánh Văn phòng", "Phó Chánh Văn phòng"),
    "Phòng": ("Trưởng phòng", "Phó Trưởng phòng"),
}

PROVINCIAL_BOARD_DEPARTMENTS = (
    ("TCDV", "Phòng Tổ chức đảng, đảng viên"),
    ("CB", "Phòng Cán bộ"),
    ("BVCT", "Phòng Bảo vệ chính trị nội bộ"),
    ("VP", "Văn phòng"),
)


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    short_name: str = ""
    kind: str = AGENCY
    style: str = PARTY
    issuer_code: str = ""
    parent: str | None = None  # the parent's code
    active_from: dt.date | None = None
    departments: tuple[tuple[str, str], ...] = ()  # (code suffix, name)
    head_title: str = "Trưởng Ban"
    deputy_title: str = "Phó Trưởng Ban"
    staff_titles: tuple[str, ...] = CIVIL_STAFF
    staff: tuple[int, int] | None = None  # how many people (min, max); None = no people
    female_share: float = 0.5

    def department_code(self, suffix: str) -> str:
        return f"{self.code}-{suffix}"


SECTOR_ROOT = UnitSpec(
    code="NGANH-TCXDD",
    name="Ngành Tổ chức xây dựng Đảng",
    short_name="Ngành TCXDĐ",
    kind=SECTOR,
)
BAN_TCTW = UnitSpec(
    code="BTCTW",
    name="Ban Tổ chức Trung ương",
    short_name="Ban TCTW",
    issuer_code="BTCTW",
    parent=SECTOR_ROOT.code,
    # The sector's emulation secretariat works in Văn phòng Ban (an assumption of the demo).
    departments=(
        ("VDP1", "Vụ Địa phương I"),
        ("VDP2", "Vụ Địa phương II"),
        ("VDP3", "Vụ Địa phương III"),
        ("VTCDL", "Vụ Tổ chức – Điều lệ"),
        ("VP", "Văn phòng Ban"),
    ),
    staff_titles=CENTRAL_STAFF,
    staff=(30, 40),
)

# Host bodies of the member units: no people of their own in the demo.
HOSTS = (
    UnitSpec("DUKDN", "Đảng ủy Khối Doanh nghiệp Trung ương", "ĐUK DNTW", issuer_code="ĐUKDNTW"),
    UnitSpec("DUKCCQ", "Đảng ủy Khối các cơ quan Trung ương", "ĐUK CCQTW", issuer_code="ĐUKCCQTW"),
    UnitSpec("BCA", "Bộ Công an", "BCA", style=STATE, issuer_code="BCA"),
    UnitSpec("BQP", "Bộ Quốc phòng", "BQP", style=ARMED, issuer_code="BQP"),
    UnitSpec(
        "TCCT",
        "Tổng Cục Chính trị, Quân đội nhân dân Việt Nam",
        "TCCT",
        style=ARMED,
        issuer_code="TCCT",
        parent="BQP",
    ),
)

# The five members of Cụm thi đua số 6, named exactly as in the seed article, in its order.
CLUSTER_6_MEMBERS = (
    UnitSpec(
        "BTC-DUKDN",
        "Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương",
        "Ban TC ĐUK DNTW",
        issuer_code="BTCĐUKDN",
        parent="DUKDN",
        departments=(
            ("TCDV", "Phòng Tổ chức đảng, đảng viên"),
            ("CB", "Phòng Cán bộ"),
            ("BVCT", "Phòng Bảo vệ chính trị nội bộ"),
            ("TH", "Phòng Tổng hợp"),
        ),
        staff=(30, 60),
    ),
    UnitSpec(
        "BTC-DUKCCQ",
        "Ban Tổ chức Đảng ủy Khối các cơ quan Trung ương",
        "Ban TC ĐUK CCQTW",
        issuer_code="BTCĐUKCCQ",
        parent="DUKCCQ",
        departments=(
            ("TCDV", "Phòng Tổ chức đảng, đảng viên"),
            ("CB", "Phòng Cán bộ"),
            ("TH", "Phòng Tổng hợp"),
        ),
        staff=(30, 60),
    ),
    UnitSpec(
        "CTCCB-BCA",
        "Cục Tổ chức cán bộ, Bộ Công an",
        "Cục TCCB – BCA",
        style=STATE,
        issuer_code="TCCB",
        parent="BCA",
        departments=(
            ("TH", "Phòng Tổng hợp"),
            ("TCBM", "Phòng Tổ chức bộ máy"),
            ("QLCB", "Phòng Quản lý cán bộ"),
            ("CS", "Phòng Chính sách"),
            ("DT", "Phòng Đào tạo"),
            ("TDKT", "Phòng Thi đua, khen thưởng"),
        ),
        head_title="Cục trưởng",
        deputy_title="Phó Cục trưởng",
        staff_titles=POLICE_STAFF,
        staff=(30, 60),
        female_share=0.3,
    ),
    UnitSpec(
        "CTC-TCCT",
        "Cục Tổ chức, Tổng Cục Chính trị, Quân đội nhân dân Việt Nam",
        "Cục Tổ chức – TCCT",
        style=ARMED,
        issuer_code="CTC",
        parent="TCCT",
        departments=(
            ("TCD", "Phòng Tổ chức đảng"),
            ("DV", "Phòng Đảng viên"),
            ("TCQC", "Phòng Tổ chức quần chúng"),
            ("TH", "Phòng Tổng hợp"),
        ),
        head_title="Cục trưởng",
        deputy_title="Phó Cục trưởng",
        staff_titles=MILITARY_STAFF,
        staff=(30, 60),
        female_share=0.2,
    ),
    UnitSpec(
        "CCB-TCCT",
        "Cục Cán bộ, Tổng Cục Chính trị, Quân đội nhân dân Việt Nam",
        "Cục Cán bộ – TCCT",
        style=ARMED,
        issuer_code="CCB",
        parent="TCCT",
        departments=(
            ("QLCB", "Phòng Quản lý cán bộ"),
            ("CSCB", "Phòng Chính sách cán bộ"),
            ("DTCB", "Phòng Đào tạo cán bộ"),
            ("TH", "Phòng Tổng hợp"),
        ),
        head_title="Cục trưởng",
        deputy_title="Phó Cục trưởng",
        staff_titles=MILITARY_STAFF,
        staff=(30, 60),
        female_share=0.2,
    ),
)

# ---- the 2025 restructuring (law-updates-2025.md §3) ------------------------------------
# On 3-2-2025 the Politburo set up new Party committees directly under the Central Committee;
# the two bloc Party committees of Cụm 6 belong to the old structure. [C] The successor of the
# central agencies' bloc is the Party Committee of central Party agencies. For the enterprises'
# bloc, which successor's organisation board joined the cluster is UNCONFIRMED (§3: "which
# successor sits in which cluster was not found"); the demo ASSUMES Ban Tổ chức Đảng ủy Chính phủ.
RESTRUCTURING_DATE = dt.date(2025, 2, 3)

SUCCESSOR_HOSTS = (
    UnitSpec(
        "DUCQD",
        "Đảng ủy các cơ quan Đảng Trung ương",
        "ĐU CCQĐTW",
        issuer_code="ĐUCCQĐTW",
        active_from=RESTRUCTURING_DATE,
    ),
    UnitSpec(
        "DUCP", "Đảng ủy Chính phủ", "ĐUCP", issuer_code="ĐUCP", active_from=RESTRUCTURING_DATE
    ),
)
# Only a skeleton staff (leaders, a few officers and the people who transfer in): who of the old
# boards' staff moved where is unknown, so the old rosters stay where they were.
SUCCESSOR_MEMBERS = (
    UnitSpec(
        "BTC-DUCQD",
        "Ban Tổ chức Đảng ủy các cơ quan Đảng Trung ương",
        "Ban TC ĐU CCQĐTW",
        issuer_code="BTCĐUCCQĐ",
        parent="DUCQD",
        active_from=RESTRUCTURING_DATE,
        departments=(("TCDV", "Phòng Tổ chức đảng, đảng viên"), ("CB", "Phòng Cán bộ")),
        staff=(8, 10),
    ),
    UnitSpec(
        "BTC-DUCP",
        "Ban Tổ chức Đảng ủy Chính phủ",
        "Ban TC ĐUCP",
        issuer_code="BTCĐUCP",
        parent="DUCP",
        active_from=RESTRUCTURING_DATE,
        departments=(("TCDV", "Phòng Tổ chức đảng, đảng viên"), ("CB", "Phòng Cán bộ")),
        staff=(8, 10),
    ),
)
# (old unit, successor): the old unit is closed on RESTRUCTURING_DATE.
SUCCESSIONS = (
    ("DUKCCQ", "DUCQD"),
    ("BTC-DUKCCQ", "BTC-DUCQD"),
    ("DUKDN", "DUCP"),  # assumption, see above
    ("BTC-DUKDN", "BTC-DUCP"),  # assumption, see above
)

# ---- a second cluster, so that scoping is visible ---------------------------------------
# law.md §d: "Cụm thi đua số III" groups the Ban Tổ chức of the Central–Central Highlands
# provinces; its 2020 leader was Ban Tổ chức Tỉnh ủy Kon Tum [C]. The four boards below are a
# subset of that cluster chosen for the demo. The provincial merger of 1-7-2025 (34 provinces) is
# not modelled: the sector's new cluster lists were not found (law-updates-2025.md §3).
PROVINCES = (
    ("KONTUM", "Kon Tum"),
    ("GIALAI", "Gia Lai"),
    ("DAKLAK", "Đắk Lắk"),
    ("DAKNONG", "Đắk Nông"),
)
PROVINCIAL_COMMITTEES = tuple(
    UnitSpec(f"TU-{key}", f"Tỉnh ủy {name}", f"TU {name}", issuer_code="TU")
    for key, name in PROVINCES
)
PROVINCIAL_BOARDS = tuple(
    UnitSpec(
        f"BTC-{key}",
        f"Ban Tổ chức Tỉnh ủy {name}",
        f"Ban TC TU {name}",
        issuer_code="BTCTU",
        parent=f"TU-{key}",
        departments=PROVINCIAL_BOARD_DEPARTMENTS,
        staff=(30, 40),
    )
    for key, name in PROVINCES
)

# Every unit, parents before children; people are numbered in this order.
UNITS = (
    SECTOR_ROOT,
    BAN_TCTW,
    *HOSTS,
    *CLUSTER_6_MEMBERS,
    *SUCCESSOR_HOSTS,
    *SUCCESSOR_MEMBERS,
    *PROVINCIAL_COMMITTEES,
    *PROVINCIAL_BOARDS,
)
UNITS_BY_CODE = {spec.code: spec for spec in UNITS}


# The note shown beside a synthetic leader or deputy seat ("illustrative data, assumed").
SYNTHETIC = "Dữ liệu minh họa (giả định)"


@dataclass(frozen=True)
class Leadership:
    """A year's leader and deputy (unit codes); each seat's note says where it comes from."""

    year: int
    leader: str
    deputy: str
    leader_note: str = SYNTHETIC
    deputy_note: str = SYNTHETIC


@dataclass(frozen=True)
class ClusterSpec:
    number: int
    name: str
    organiser: str
    members: tuple[tuple[str, dt.date], ...]  # (unit code, joined on)
    leaderships: tuple[Leadership, ...]
    description: str = ""


# ASSUMPTION: Cụm 6's members joined on 1-1-2021, the year Guidance 04-HD/BTCTW (17-5-2021)
# organised the sector's clusters; the seed article gives no joining date.
CLUSTER_6_SINCE = dt.date(2021, 1, 1)
CLUSTER_6 = ClusterSpec(
    number=6,
    name="Cụm thi đua số 6 – Ngành Tổ chức xây dựng Đảng",
    organiser=BAN_TCTW.code,
    members=tuple((spec.code, CLUSTER_6_SINCE) for spec in CLUSTER_6_MEMBERS)
    + tuple((spec.code, RESTRUCTURING_DATE) for spec in SUCCESSOR_MEMBERS),
    # Only 2023's leader comes from the seed article; every other seat is synthetic. The rotation
    # follows the usual pattern (this year's deputy leads next year), each unit leading once.
    leaderships=(
        Leadership(2021, "CTC-TCCT", "CTCCB-BCA"),
        Leadership(2022, "CTCCB-BCA", "BTC-DUKDN"),
        Leadership(
            2023,
            "BTC-DUKDN",
            "BTC-DUKCCQ",
            leader_note="Theo bài viết về Tọa đàm của Cụm thi đua số 6 (năm 2023)",
        ),
        Leadership(2024, "BTC-DUKCCQ", "CCB-TCCT"),
        Leadership(2025, "CCB-TCCT", "CTC-TCCT"),
        Leadership(2026, "CTC-TCCT", "BTC-DUCQD"),
    ),
    description="Các đơn vị tham mưu công tác tổ chức, cán bộ ở Trung ương và lực lượng vũ trang.",
)

# Cụm III membership from 1-1-2020 because its 2020 leader is documented (law.md §d).
CLUSTER_3_SINCE = dt.date(2020, 1, 1)
CLUSTER_3 = ClusterSpec(
    number=3,
    name="Cụm thi đua số 3 – Ngành Tổ chức xây dựng Đảng",
    organiser=BAN_TCTW.code,
    members=tuple((spec.code, CLUSTER_3_SINCE) for spec in PROVINCIAL_BOARDS),
    # 2020's leader is documented, its deputy and later years are synthetic. The history stops at
    # 2024 because the cluster's make-up after the 2025 provincial merger is unknown.
    leaderships=(
        Leadership(
            2020,
            "BTC-KONTUM",
            "BTC-GIALAI",
            leader_note="Theo tin tổng kết thi đua năm 2020 của Cụm thi đua số III (Kon Tum)",
        ),
        Leadership(2021, "BTC-GIALAI", "BTC-DAKLAK"),
        Leadership(2022, "BTC-DAKLAK", "BTC-DAKNONG"),
        Leadership(2023, "BTC-DAKNONG", "BTC-KONTUM"),
        Leadership(2024, "BTC-KONTUM", "BTC-GIALAI"),
    ),
    description="Ban Tổ chức các tỉnh ủy khu vực Miền Trung – Tây Nguyên (một phần, minh họa).",
)
CLUSTERS = (CLUSTER_6, CLUSTER_3)


# ---- people moving between units (synthetic) -----------------------------------------------
@dataclass(frozen=True)
class TransferSpec:
    from_unit: str  # people are picked among this unit's staff
    to_unit: str  # a unit or department code
    on: dt.date
    count: int


TRANSFERS = (
    # Staff following their board into its successor on the restructuring date.
    TransferSpec("BTC-DUKCCQ", "BTC-DUCQD-CB", RESTRUCTURING_DATE, 2),
    TransferSpec("BTC-DUKDN", "BTC-DUCP-TCDV", RESTRUCTURING_DATE, 2),
    # A bloc board's officer seconded up to Ban TCTW, and a rotation between two provinces.
    TransferSpec("BTC-DUKCCQ", "BTCTW-VTCDL", dt.date(2022, 9, 1), 1),
    TransferSpec("BTC-GIALAI", "BTC-KONTUM-CB", dt.date(2023, 3, 1), 1),
)


# ---- the sector's emulation council ----------------------------------------------------------
COUNCIL_NAME = "Hội đồng Thi đua, khen thưởng Ngành Tổ chức xây dựng Đảng"
COUNCIL_SINCE = dt.date(2021, 1, 1)
# (seat role, unit code, position held): the seat goes to the first person holding that post.
COUNCIL_SEATS = (
    ("chair", "BTCTW", "Trưởng Ban"),
    ("vice_chair", "BTCTW", "Phó Trưởng Ban"),
    ("standing", "BTCTW-VP", "Chánh Văn phòng"),
    ("secretary", "BTCTW-VP", "Phó Chánh Văn phòng"),
    ("member", "BTCTW-VDP1", "Vụ trưởng"),
    ("member", "BTCTW-VDP2", "Vụ trưởng"),
    ("member", "BTCTW-VDP3", "Vụ trưởng"),
    ("member", "BTCTW-VTCDL", "Vụ trưởng"),
)


# ---- demo accounts ---------------------------------------------------------------------------
# Demo only: one memorable password that passes Django's validators, printed by the command.
DEMO_PASSWORD = "Thidua@2026"


@dataclass(frozen=True)
class AccountSpec:
    username: str
    role: str | None  # None: an individual with no role, only their own records
    unit: str | None = None  # scope: a unit code
    cluster: int | None = None  # scope: a cluster number (organised by Ban TCTW)
    council: bool = False  # scope: the sector council
    superuser: bool = False
    person_unit: str | None = None  # link to a staff member of this unit (code)
    person_seat: str | None = None  # link to the holder of this council seat
    totp_key: str = ""  # hex, 20 bytes: a confirmed TOTP device with this fixed demo key


ACCOUNTS = (
    AccountSpec(
        "admin", "system_admin", superuser=True, totp_key="d3b07384d113edec49eaa6238ad5ff00cafe2026"
    ),
    AccountSpec(
        "thuky",
        "secretariat",
        unit="BTCTW",
        person_seat="secretary",
        totp_key="c157a79031e1c40f85931829bc5fc552beef2026",
    ),
    AccountSpec("cumtruong6", "cluster_officer", cluster=6),
    AccountSpec("donvi_dukdn", "unit_officer", unit="BTC-DUKDN"),
    AccountSpec("donvi_bca", "unit_officer", unit="CTCCB-BCA"),
    AccountSpec("donvi_ducqd", "unit_officer", unit="BTC-DUCQD"),
    AccountSpec("donvi_ducp", "unit_officer", unit="BTC-DUCP"),
    AccountSpec("donvi_tcct", "unit_officer", unit="CTC-TCCT"),
    AccountSpec("donvi_ccb", "unit_officer", unit="CCB-TCCT"),
    AccountSpec("thutruong_ducp", "unit_head", unit="BTC-DUCP"),
    AccountSpec("hoidong", "council_member", council=True, person_seat="member"),
    AccountSpec("thamdinh", "reviewer", unit="BTCTW"),
    AccountSpec("canhan", None, person_unit="BTC-DUKDN"),
)
