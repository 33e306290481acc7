"""What the campaigns demo contains, as data: movements, indicators, figures, the 2025 pledge.

Figures of 2023 are the seed article's (../shared/seed/cum-thi-dua-so-6.txt), unit by unit; where
the article says "over 200" the figure recorded is 200 and the note quotes the article. Everything
marked ILLUSTRATIVE is invented for the demo: decision numbers, dates, targets, the 2025–2026
indicators and their quarterly figures, and the pledge's wording (modelled on the pledges that
law.md §c.2 cites: Khánh Hòa's 12 contents, Tiền Giang's 8 criteria).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

CLUSTER_NUMBER = 6
ORGANISER = "BTCTW"


@dataclass(frozen=True)
class MovementSpec:
    title: str
    kind: str
    authority: str  # unit code
    starts_on: dt.date
    ends_on: dt.date
    decision_number: str
    decision_date: dt.date
    goals: str
    slogan: str = ""
    registration_deadline: dt.date | None = None
    # statuses it went through, each with the date it happened
    path: tuple[tuple[str, dt.date], ...] = ()


MOVEMENTS = (
    MovementSpec(
        title="Phong trào thi đua yêu nước năm 2023 – Ngành Tổ chức xây dựng Đảng",
        kind="regular",
        authority=ORGANISER,
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2023, 12, 31),
        decision_number="15-KH/BTCTW",  # ILLUSTRATIVE
        decision_date=dt.date(2023, 1, 10),
        registration_deadline=dt.date(2023, 3, 15),
        goals="Thi đua hoàn thành xuất sắc nhiệm vụ chính trị năm 2023 của Ngành.",
        path=(
            ("launched", dt.date(2023, 1, 10)),
            ("in_progress", dt.date(2023, 1, 16)),
            ("reviewing", dt.date(2023, 12, 1)),
            ("closed", dt.date(2024, 1, 31)),
        ),
    ),
    # The seed: "Đảng ủy Khối Doanh nghiệp Trung ương dự kiến giữa năm 2024 sẽ phát động đợt thi
    # đua về đích sớm các chỉ tiêu nhiệm kỳ 2020-2025 … chào mừng đại hội đảng bộ các cấp".
    MovementSpec(
        title=(
            "Đợt thi đua về đích sớm các chỉ tiêu nhiệm kỳ 2020–2025, "
            "chào mừng đại hội đảng bộ các cấp"
        ),
        kind="campaign",
        authority="DUKDN",
        starts_on=dt.date(2024, 6, 15),  # "giữa năm 2024"; the day is ILLUSTRATIVE
        ends_on=dt.date(2025, 1, 31),
        decision_number="120-KH/ĐUK",  # ILLUSTRATIVE
        decision_date=dt.date(2024, 6, 10),
        goals=(
            "Về đích sớm các chỉ tiêu của nghị quyết đại hội nhiệm kỳ 2020–2025; lấy thành tích "
            "tổng kết nhiệm kỳ và chào mừng đại hội đảng bộ các cấp."
        ),
        slogan="Đoàn kết – Kỷ cương – Chủ động – Về đích sớm",
        path=(
            ("launched", dt.date(2024, 6, 15)),
            ("in_progress", dt.date(2024, 6, 20)),
            ("reviewing", dt.date(2025, 1, 15)),
            ("closed", dt.date(2025, 1, 31)),
        ),
    ),
    MovementSpec(
        title="Phong trào thi đua yêu nước năm 2025 – Ngành Tổ chức xây dựng Đảng",
        kind="regular",
        authority=ORGANISER,
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        decision_number="08-KH/BTCTW",  # ILLUSTRATIVE
        decision_date=dt.date(2025, 1, 8),
        registration_deadline=dt.date(2025, 3, 15),
        goals="Thi đua hoàn thành xuất sắc nhiệm vụ năm 2025, năm tổ chức đại hội đảng bộ các cấp.",
        path=(
            ("launched", dt.date(2025, 1, 8)),
            ("in_progress", dt.date(2025, 1, 15)),
            ("reviewing", dt.date(2025, 12, 1)),
        ),
    ),
    MovementSpec(
        title="Phong trào thi đua yêu nước năm 2026 – Ngành Tổ chức xây dựng Đảng",
        kind="regular",
        authority=ORGANISER,
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        decision_number="05-KH/BTCTW",  # ILLUSTRATIVE
        decision_date=dt.date(2026, 1, 9),
        registration_deadline=dt.date(2026, 3, 15),
        goals="Thi đua thực hiện thắng lợi nghị quyết đại hội đảng bộ các cấp nhiệm kỳ 2025–2030.",
        slogan="Vững nguyên tắc, chắc nghiệp vụ",
        path=(("launched", dt.date(2026, 1, 9)), ("in_progress", dt.date(2026, 1, 20))),
    ),
)


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    kind: str
    unit_of_measure: str = "văn bản"
    numerator_label: str = ""
    denominator_label: str = ""
    target: str | None = None
    direction: str = "at_least"
    frequency: str = "year"
    unit_targets: dict[str, str] = field(default_factory=dict)


# ---- 2023: the seed's figures, reported once for the whole year ------------------------------
INDICATORS_2023 = (
    IndicatorSpec("VB-DEN", "Văn bản đến được tham mưu xử lý", "count"),
    IndicatorSpec(
        "VB-DEN-TL",
        "Tỷ lệ văn bản đến của cấp ủy được Ban tham mưu xử lý",
        "ratio",
        unit_of_measure="%",
        numerator_label="Văn bản đến do Ban tham mưu xử lý",
        denominator_label="Tổng số văn bản đến của cấp ủy",
    ),
    IndicatorSpec("VB-DI", "Văn bản đi được tham mưu ban hành", "count"),
    IndicatorSpec(
        "VB-DI-TL",
        "Tỷ lệ văn bản đi của cấp ủy do Ban tham mưu ban hành",
        "ratio",
        unit_of_measure="%",
        numerator_label="Văn bản đi do Ban tham mưu ban hành",
        denominator_label="Tổng số văn bản đi của cấp ủy",
    ),
    IndicatorSpec("VB-CQ", "Văn bản do cơ quan ban hành ở cấp mình", "count"),
    IndicatorSpec("VB-TONG", "Văn bản các loại được tham mưu ban hành, xử lý", "count"),
    IndicatorSpec("VB-NQ", "Văn bản về nghị quyết, chỉ thị, kết luận, kế hoạch", "count"),
    IndicatorSpec("Y-KIEN", "Lượt văn bản được đề xuất, tham gia ý kiến", "count", "lượt"),
)

# unit code -> indicator code -> (figures, note quoting the seed when the figure is a floor)
SEED_FIGURES_2023: dict[str, dict[str, tuple[dict[str, int], str]]] = {
    "BTC-DUKDN": {
        "VB-DEN-TL": ({"numerator": 4290, "denominator": 9317}, "Tham mưu xử lý 4.290/9.317."),
        "VB-DEN": ({"value": 4290}, ""),
        "VB-DI-TL": (
            {"numerator": 1054, "denominator": 1709},
            "Tham mưu ban hành 1.054/1.709 văn bản đi của Đảng ủy Khối (chiếm 61,67%).",
        ),
        "VB-DI": ({"value": 1054}, ""),
        "VB-CQ": ({"value": 1739}, "Ban hành 1.739 văn bản của Ban Tổ chức."),
    },
    "BTC-DUKCCQ": {
        "VB-DEN": ({"value": 6172}, ""),
        "VB-DI": ({"value": 3498}, "Tham mưu phát hành 3.498 văn bản đi."),
    },
    "CTCCB-BCA": {
        "VB-DEN": ({"value": 73688}, ""),
        "VB-DI": ({"value": 22158}, "Ban hành 22.158 văn bản."),
    },
    "CTC-TCCT": {
        "VB-DI": (
            {"value": 200},
            "Tham mưu Quân ủy Trung ương, Ban Thường vụ Quân ủy Trung ương, Bộ Quốc phòng và "
            "Cục Tổ chức ban hành trên 200 văn bản các loại.",
        ),
        "VB-CQ": ({"value": 300}, "Trên 300 văn bản của cấp Cục."),
        "Y-KIEN": ({"value": 800}, "Đề xuất và tham gia ý kiến vào trên 800 lượt văn bản."),
    },
    "CCB-TCCT": {
        "VB-TONG": ({"value": 3825}, "Tham mưu ban hành, xử lý 3.825 văn bản các loại."),
        "VB-NQ": ({"value": 47}, "Trong đó 47 văn bản về nghị quyết, chỉ thị, kết luận, kế hoạch."),
    },
}
SEED_REPORTED_ON = dt.date(2024, 1, 8)  # ILLUSTRATIVE: the year-end reports reach the leader

# ---- 2025 and 2026: quarterly indicators with targets (ILLUSTRATIVE) --------------------------
INDICATORS_RECENT = (
    IndicatorSpec(
        "VB-DEN-DH",
        "Tỷ lệ văn bản đến được tham mưu xử lý đúng hạn",
        "ratio",
        unit_of_measure="%",
        numerator_label="Văn bản đến xử lý đúng hạn",
        denominator_label="Tổng số văn bản đến phải xử lý",
        target="95",
        frequency="quarter",
    ),
    IndicatorSpec(
        "VB-DI",
        "Văn bản đi được tham mưu ban hành",
        "count",
        target="1000",
        frequency="quarter",
        unit_targets={"CTCCB-BCA": "20000", "CTC-TCCT": "600", "CCB-TCCT": "3500"},
    ),
    IndicatorSpec(
        "HS-MANG",
        "Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng",
        "percentage",
        unit_of_measure="%",
        target="80",
        frequency="quarter",
    ),
    IndicatorSpec(
        "BC-DH",
        "Gửi báo cáo thi đua của Cụm đầy đủ, đúng hạn",
        "yes_no",
        unit_of_measure="",
        target="1",
        frequency="half",
    ),
    IndicatorSpec(
        "KY-LUAT",
        "Cán bộ, đảng viên bị kỷ luật",
        "count",
        unit_of_measure="người",
        target="0",
        direction="at_most",
        frequency="half",
    ),
)

# The 2025 pledge (ILLUSTRATIVE wording): contents and the indicators that measure them.
PLEDGE_2025_THEME = (
    "Đoàn kết, kỷ cương, chủ động, sáng tạo; về đích sớm các chỉ tiêu nhiệm kỳ, "
    "chào mừng đại hội đảng bộ các cấp nhiệm kỳ 2025–2030"
)
PLEDGE_2025_PREAMBLE = (
    "Thực hiện Quy chế thi đua, khen thưởng Ngành Tổ chức xây dựng Đảng và Hướng dẫn số "
    "04-HD/BTCTW ngày 17-5-2021 của Hội đồng Thi đua, khen thưởng Ngành, các đơn vị thành viên "
    "Cụm thi đua số 6 thống nhất ký kết giao ước thi đua năm 2025 với các nội dung sau:"
)
PLEDGE_2025_PLACE = "Hà Nội"
PLEDGE_2026_THEME = (
    "Đoàn kết, kỷ cương, đổi mới, hiệu quả; thực hiện thắng lợi nghị quyết đại hội đảng bộ các cấp "
    "nhiệm kỳ 2025–2030"
)


def pledge_preamble(year: int) -> str:
    return PLEDGE_2025_PREAMBLE.replace("năm 2025", f"năm {year}")


PLEDGE_2025_ITEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Hoàn thành xuất sắc nhiệm vụ chính trị được giao; tham mưu xử lý văn bản đến đúng hạn "
        "đạt từ 95% trở lên.",
        ("VB-DEN-DH",),
    ),
    (
        "Tham mưu tổ chức thành công đại hội đảng bộ các cấp nhiệm kỳ 2025–2030 đúng tiến độ, "
        "bảo đảm chất lượng công tác nhân sự.",
        ("VB-DI",),
    ),
    (
        "Tham mưu thực hiện sắp xếp tổ chức bộ máy theo chủ trương của Trung ương bảo đảm "
        "đúng tiến độ, ổn định.",
        (),
    ),
    ("Tập thể chi bộ, đảng bộ cơ quan đạt Hoàn thành tốt nhiệm vụ trở lên.", ()),
    (
        "Đẩy mạnh chuyển đổi số: từ 80% hồ sơ công việc trở lên được xử lý trên môi trường mạng.",
        ("HS-MANG",),
    ),
    (
        "Thực hiện nghiêm quy chế dân chủ ở cơ sở; xây dựng cơ quan, đơn vị văn hóa; thực hành "
        "tiết kiệm, phòng, chống tham nhũng, lãng phí, tiêu cực.",
        (),
    ),
    ("Không có cán bộ, đảng viên vi phạm kỷ luật phải xử lý.", ("KY-LUAT",)),
    (
        "Thực hiện chế độ thông tin, báo cáo thi đua của Cụm đầy đủ, đúng thời hạn.",
        ("BC-DH",),
    ),
    (
        "Phát hiện, bồi dưỡng, tuyên truyền và nhân rộng các điển hình tiên tiến, mô hình hay, "
        "cách làm hiệu quả.",
        (),
    ),
    (
        "Tích cực tham gia các hoạt động chung của Cụm; phối hợp, chia sẻ kinh nghiệm giữa các "
        "đơn vị thành viên.",
        (),
    ),
)
PLEDGE_2025_OPENED = dt.date(2025, 3, 5)  # ILLUSTRATIVE: the Q1 conference (law.md §c.2 step 1)
