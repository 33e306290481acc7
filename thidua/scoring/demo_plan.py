"""What the year-end demo contains, as data: Cluster 6's 2023 criteria table, each unit's level,
the ballot and the leadership rotation.

From the seed article (../shared/seed/cum-thi-dua-so-6.txt): Cluster 6 has five members; for 2023
the sector's council gave 1 flag and 2 Bằng khen to collectives and 6 Bằng khen to individuals;
Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương (the 2023 leader) received a Bằng khen, so the
flag went to another member. Which member, every point, every vote and the meeting date are
ILLUSTRATIVE; the 2024 leader and deputy follow org's demo rotation (BTC-DUKCCQ, CCB-TCCT).
"""

from __future__ import annotations

import datetime as dt

YEAR = 2023
TITLE = "Bảng tiêu chí chấm điểm thi đua năm 2023 – Cụm thi đua số 6"

# (group code, title, kind, [(criterion code, title, kind, max points, points each)])
TABLE = [
    ("I", "Thực hiện nhiệm vụ chính trị, chuyên môn", "regular", [
        ("1.1", "Tham mưu cấp ủy về công tác tổ chức xây dựng Đảng", "graded", "25", None),
        ("1.2", "Tham mưu xử lý văn bản đến, ban hành văn bản đi đúng hạn", "graded", "20", None),
        ("1.3", "Hoàn thành các nhiệm vụ đột xuất được giao", "graded", "15", None),
    ]),
    ("II", "Xây dựng Đảng, xây dựng cơ quan, đoàn thể", "regular", [
        ("2.1", "Chi bộ được xếp loại hoàn thành tốt nhiệm vụ trở lên", "pass_fail", "10", None),
        ("2.2", "Đoàn thể vững mạnh; thực hiện quy chế dân chủ", "graded", "5", None),
    ]),
    ("III", "Công tác thi đua, khen thưởng", "regular", [
        ("3.1", "Gửi báo cáo thi đua của Cụm đầy đủ, đúng hạn", "pass_fail", "5", None),
        ("3.2", "Mô hình mới, điển hình tiên tiến được nhân rộng", "per_occurrence", "10", "2.5"),
    ]),
    ("IV", "Cải cách hành chính, chuyển đổi số, thực hành tiết kiệm", "regular", [
        ("4.1", "Ứng dụng công nghệ thông tin, chuyển đổi số trong công tác", "graded", "10", None),
    ]),
    ("T", "Điểm thưởng", "bonus", [
        ("T.1", "Được cấp trên khen thưởng trong năm", "graded", "8", None),
        ("T.2", "Đăng cai tổ chức hoạt động chung của Cụm", "graded", "5", None),
    ]),
    ("TR", "Điểm trừ", "penalty", [
        ("TR.1", "Chậm gửi báo cáo, văn bản của Cụm", "per_occurrence", "5", "1"),
    ]),
]  # fmt: skip

# The share of each graded criterion's maximum a unit earns in cross-scoring (ILLUSTRATIVE), and
# what it declares on its own card: models (occurrences of 3.2), bonus and late reports.
LEVEL = {
    "CTCCB-BCA": "0.96",
    "BTC-DUKDN": "0.94",
    "CTC-TCCT": "0.92",
    "BTC-DUKCCQ": "0.90",
    "CCB-TCCT": "0.88",
}
MODELS = {"CTCCB-BCA": 4, "BTC-DUKDN": 4, "CTC-TCCT": 3, "BTC-DUKCCQ": 3, "CCB-TCCT": 2}
BONUS = {"BTC-DUKDN": {"T.2": "5"}, "CTCCB-BCA": {"T.1": "4"}}
LATE_REPORTS = {"CCB-TCCT": 1}
SELF_OPTIMISM = "0.02"  # units score themselves a little higher than their peers do
RETURNED_FOR_EXPLANATION = "CCB-TCCT"  # the leader queries criterion 1.1 of this card

SELF_DUE = dt.date(2023, 12, 10)
CROSS_DUE = dt.date(2023, 12, 15)
EXPLANATION_DUE = dt.date(2023, 12, 18)
PUBLISHED_ON = dt.date(2023, 12, 20)
MEETING_DATE = dt.date(2023, 12, 22)
MEETING_PLACE = "Hà Nội"
CHAIR = "Trưởng Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương (Cụm trưởng năm 2023)"
SECRETARY = "Chuyên viên Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương"

# Ballot: unit code -> the codes it marks, per question and round (ILLUSTRATIVE). The merit-unit
# question ties for the second seat in round 1 and is settled by a re-vote.
LEADING_VOTES = {
    "BTC-DUKDN": ["CTCCB-BCA"],
    "BTC-DUKCCQ": ["CTCCB-BCA"],
    "CTCCB-BCA": ["BTC-DUKDN"],
    "CTC-TCCT": ["CTCCB-BCA"],
    "CCB-TCCT": ["CTCCB-BCA"],
}
MERIT_VOTES_ROUND_1 = {
    "BTC-DUKDN": ["CTC-TCCT", "BTC-DUKCCQ"],
    "BTC-DUKCCQ": ["BTC-DUKDN", "CTC-TCCT"],
    "CTCCB-BCA": ["BTC-DUKDN", "BTC-DUKCCQ"],
    "CTC-TCCT": ["BTC-DUKDN", "BTC-DUKCCQ"],
    "CCB-TCCT": ["BTC-DUKDN", "CTC-TCCT"],
}
MERIT_VOTES_ROUND_2 = {
    "BTC-DUKDN": ["CTC-TCCT"],
    "BTC-DUKCCQ": ["CTC-TCCT"],
    "CTCCB-BCA": ["CTC-TCCT"],
    "CTC-TCCT": ["BTC-DUKCCQ"],
    "CCB-TCCT": ["CTC-TCCT"],
}
NEXT_LEADER, NEXT_DEPUTY = "BTC-DUKCCQ", "CCB-TCCT"
INDIVIDUAL_MERIT_SEATS = 6  # the seed: 6 Bằng khen for individuals
INDIVIDUALS_PUT_FORWARD = {"BTC-DUKDN": 2, "CTCCB-BCA": 2}  # one each from the others: seven
