"""Synthetic Vietnamese names for demo people: common parts combined at random, no real persons.

Family-name weights roughly follow how common each name is in Vietnam (Nguyễn far ahead), so a
demo roster looks familiar; the exact shares do not matter.
"""

import random

FAMILY_NAMES: dict[str, int] = {
    "Nguyễn": 38,
    "Trần": 11,
    "Lê": 9,
    "Phạm": 7,
    "Hoàng": 4,
    "Huỳnh": 3,
    "Phan": 4,
    "Vũ": 3,
    "Võ": 3,
    "Đặng": 2,
    "Bùi": 2,
    "Đỗ": 2,
    "Hồ": 1,
    "Ngô": 1,
    "Dương": 1,
    "Lý": 1,
    "Đinh": 1,
    "Trương": 1,
    "Mai": 1,
    "Tạ": 1,
}

MIDDLE_NAMES = {
    "male": ("Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Xuân", "Thanh", "Ngọc", "Duy", "Tiến"),
    "female": ("Thị", "Ngọc", "Thu", "Thanh", "Thùy", "Minh", "Hồng", "Kim", "Phương", "Bích"),
}

GIVEN_NAMES = {
    "male": (
        "Anh", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Khánh", "Khoa",
        "Lâm", "Long", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng",
        "Thành", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
    ),
    "female": (
        "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hòa", "Hương",
        "Huyền", "Lan", "Linh", "Loan", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phương",
        "Quyên", "Thảo", "Trang", "Tuyết", "Vân", "Yến",
    ),
}  # fmt: skip

# Some women carry "Thị" before a second middle name ("Nguyễn Thị Thu Hà").
_SECOND_MIDDLE_SHARE = 0.15


def full_name(rng: random.Random, gender: str) -> str:
    """A plausible full name, family name first, for `gender` ("male" or "female")."""
    family = rng.choices(list(FAMILY_NAMES), weights=list(FAMILY_NAMES.values()))[0]
    middle = rng.choice(MIDDLE_NAMES[gender])
    given = rng.choice(GIVEN_NAMES[gender])
    if gender == "female" and middle != "Thị" and rng.random() < _SECOND_MIDDLE_SHARE:
        middle = f"Thị {middle}"
    if middle.endswith(given):  # "Ngọc Ngọc" reads as a typo
        given = GIVEN_NAMES[gender][0]
    return f"{family} {middle} {given}"
