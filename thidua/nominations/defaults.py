"""Default configuration an installation starts with; each row is data an admin can change.

Base salaries are dated legal facts (law-updates-2025.md §1, §2.2 b.4); routes follow the
sector's practice (law.md §c.2, §e.1–e.3): unit → cluster leader → secretariat appraisal →
public posting → council vote → decision. Deadlines in working days are a starting point: the
ND 152 time limits were not read (law-updates-2025.md §2.2 e.3), so every one is editable."""

from datetime import date
from decimal import Decimal

# The two latest rows are the figures (law-updates-2025.md §2.2 b.4); the earlier ones
# come from the decrees named and matter only for decisions dated before 1-7-2024.
BASE_SALARIES = [
    (date(2019, 7, 1), Decimal(1_490_000), "Nghị định 38/2019/NĐ-CP"),
    (date(2023, 7, 1), Decimal(1_800_000), "Nghị định 24/2023/NĐ-CP"),
    (date(2024, 7, 1), Decimal(2_340_000), "Nghị định 73/2024/NĐ-CP"),
    (date(2026, 7, 1), Decimal(2_530_000), "Nghị định 161/2026/NĐ-CP"),
]

# (code, name, kind, actor, due working days, skip)
_SECTOR_STEPS = [
    ("prepare", "Đơn vị lập hồ sơ, trình", "prepare", "proposer", None, ""),
    ("cluster", "Cụm trưởng tổng hợp, trình", "endorse", "cluster", 5, "no_cluster"),
    ("appraise", "Thường trực Hội đồng thẩm định", "appraise", "secretariat", 10, ""),
    ("post", "Công khai danh sách", "post", "secretariat", 3, "no_posting"),
    ("vote", "Hội đồng Thi đua – Khen thưởng xét, bỏ phiếu", "vote", "council", 10, "no_vote"),
    ("decide", "Quyết định khen thưởng", "decide", "decider", 5, ""),
]
_GOVERNMENT_STEPS = [
    *_SECTOR_STEPS[:5],
    ("forward", "Trình cấp trên (Thủ tướng Chính phủ)", "forward", "secretariat", 5, ""),
    ("decide", "Ghi nhận quyết định của cấp có thẩm quyền", "decide", "decider", None, ""),
]
_UNIT_STEPS = [
    ("prepare", "Phòng, bộ phận lập hồ sơ, trình", "prepare", "proposer", None, ""),
    ("appraise", "Bộ phận thi đua – khen thưởng thẩm định", "appraise", "secretariat", 5, ""),
    ("vote", "Hội đồng Thi đua – Khen thưởng đơn vị xét", "vote", "council", 5, "no_vote"),
    ("decide", "Thủ trưởng đơn vị quyết định", "decide", "decider", 5, ""),
]

# (code, name, line, award levels, steps)
ROUTES = [
    ("sector", "Khen thưởng cấp Ban, ngành", "sector", ["ministry"], _SECTOR_STEPS),
    (
        "government",
        "Khen thưởng cấp Nhà nước, Chính phủ",
        "sector",
        ["government", "state"],
        _GOVERNMENT_STEPS,
    ),
    ("unit", "Khen thưởng cấp cơ sở", "authority", ["unit"], _UNIT_STEPS),
]
