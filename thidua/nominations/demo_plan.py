"""What the nominations demo contains, as data: Cluster 6's 2023 proposals to Ban Tổ chức Trung
ương, from the cluster's ballot to the decisions, and one revocation.

From the seed article (../shared/seed/cum-thi-dua-so-6.txt, line 26): for 2023 the sector's
council gave Cluster 6 one flag, 2 Bằng khen to collectives and 6 to individuals; Ban Tổ chức
Đảng ủy Khối Doanh nghiệp Trung ương (BTC-DUKDN, the 2023 cluster leader) reached "Tập thể lao
động xuất sắc" and received a Bằng khen; its Trưởng Ban became "Chiến sĩ thi đua toàn quốc".
Who got the flag, the Bằng khen units and the six people come from the scoring demo's closed
ballot (thidua/scoring/demo_plan.py: the flag to CTCCB-BCA, the Bằng khen to BTC-DUKDN and
CTC-TCCT).

ILLUSTRATIVE (not in the seed): every document number and date below; the Bằng khen
multipliers typed in the draft (law.md b.4 gives none: [U]; the flag's 8.0 comes from the award
catalogue and is [U] in law.md b.4 too); the Trưởng Ban's history that makes Chiến sĩ thi đua
toàn quốc eligible (HTXS and CSTĐCS 2018–2023, CSTĐ Ban TCTW for 2018–2020 and for 2021–2023 —
the latter a line of decision 125 —, and her initiatives); the history that makes four of the
six individuals' Bằng khen eligible under Law Art. 74(1)(d) (HTXS in 2022 and 2023, two
initiatives of their units); the leading unit's UnitYear mark (the ballot's leading unit is the
"leading unit of the cluster" the flag needs, Law Art. 26(1)); the citizen's feedback; the
revocation and its recovery.

Two of the six people the ballot elected joined their unit on 1-9-2024 (org demo), so they were
not on its staff in 2023 and no history is invented for them: the engine finds them not
eligible, the secretariat passes them on the council's word (an override reason, kept on the
dossier), and one of them is the Bằng khen revoked in September 2024 (Art. 93(1)(b): the copy
of the initiative recognition did not match the original). Every other decided dossier's stored
verdict is ELIGIBLE under the pack of its submission date (law2022-nd98).

Dates: the cluster's submission is numbered and dated 26-12-2023 (Số 25-TTr/BTCĐUKDN) but is
recorded as received on 02-01-2024. The rule packs start with Law 06/2022 (in force 1-1-2024):
no pack judges a proposal submitted in 2023, so the verdicts, the appraisal and the route's skip
rules need a submission date in 2024 (the pack is chosen by submission date).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

YEAR = 2023
AWARDING_UNIT = "BTCTW"
LEADER_UNIT = "BTC-DUKDN"  # the 2023 cluster leader: proposes the cluster's list
SECRETARIAT, CLUSTER_OFFICER = "thuky", "cumtruong6"
# The officers who prepare their unit's dossiers (org demo accounts).
OFFICERS = {
    "BTC-DUKDN": "donvi_dukdn",
    "CTCCB-BCA": "donvi_bca",
    "CTC-TCCT": "donvi_tcct",
    "CCB-TCCT": "donvi_ccb",
}
PLACE = "Hà Nội"
HEAD_TITLE = "Trưởng Ban"  # the position of the Trưởng Ban in both boards

# ---- proposal 1: the cluster's list (route "sector") -------------------------------------------
CLUSTER_NUMBER = "Số 25-TTr/BTCĐUKDN"
CLUSTER_DATED = dt.date(2023, 12, 26)  # the date on the submission (see the docstring)
CLUSTER_SUBMITTED = dt.date(2024, 1, 2)
CLUSTER_FORWARDED = dt.date(2024, 1, 3)
CLUSTER_APPRAISED = dt.date(2024, 1, 5)
COUNCIL_1 = dt.date(2024, 1, 10)
DECISION_1 = (125, dt.date(2024, 1, 15))  # "Số 125-QĐ/BTCTW"
ABSTRACT_1 = "Về việc tặng danh hiệu thi đua và hình thức khen thưởng năm 2023"
# Added by the leader unit beside the ballot's list: its own title, and its head's ministry-level
# fighter title (the second link of her chain to Chiến sĩ thi đua toàn quốc).
EXTRA_COLLECTIVE = ("TTLDXS", LEADER_UNIT)
EXTRA_HEAD_AWARD = "CSTD_BO"
# Multipliers typed in the draft for the forms law.md does not price (ILLUSTRATIVE, [U]).
TYPED_MULTIPLIERS = {"BK_BTCTW": Decimal("1.0"), "BK_BTCTW_TT": Decimal("2.0")}

# ---- proposal 2: Chiến sĩ thi đua toàn quốc for BTC-DUKDN's Trưởng Ban (route "government") ---
NATIONAL_TITLE = "Tờ trình đề nghị xét tặng danh hiệu Chiến sĩ thi đua toàn quốc năm 2023"
NATIONAL_NUMBER = "Số 31-TTr/BTCĐUKDN"
NATIONAL_SUBMITTED = dt.date(2024, 1, 29)
NATIONAL_APPRAISED = dt.date(2024, 2, 16)
POSTING_OPENED = dt.date(2024, 2, 19)  # 10 working days, the posting day counting as day 1
FEEDBACK = {
    "name": "Trần Văn Hùng",
    "contact": "tranvanhung.demo@example.vn",
    "content": (
        "Đề nghị làm rõ sáng kiến cấp toàn quốc của đồng chí được đề nghị đã được áp dụng ở "
        "những đơn vị nào."
    ),
    "sent_on": dt.date(2024, 2, 21),
    "note": (
        "Đã đối chiếu quyết định công nhận sáng kiến và báo cáo áp dụng tại các đảng bộ trực "
        "thuộc; đã trả lời người phản ánh bằng văn bản."
    ),
    "triaged_on": dt.date(2024, 2, 26),
}
COUNCIL_2 = dt.date(2024, 3, 6)  # after the posting window
NATIONAL_FORWARDED = dt.date(2024, 3, 8)  # Ban TCTW's submission to the Prime Minister
DECISION_2 = (456, dt.date(2024, 4, 20))  # "Số: 456/QĐ-TTg"
ABSTRACT_2 = "Về việc tặng danh hiệu Chiến sĩ thi đua toàn quốc năm 2023"
PM = {"issuer_name": "Thủ tướng Chính phủ", "issuer_code": "TTg", "style": "state"}
PM_SIGNER_TITLE = "Thủ tướng Chính phủ"  # no name: the decision is illustrative

# ---- the revocation ------------------------------------------------------------------------
REVOKED_LINE = -1  # the last Bằng khen line for an individual in decision 125
REVOCATION = {
    "ground": "b",
    "reason": (
        "Kết luận kiểm tra cho thấy bản sao quyết định công nhận sáng kiến nộp kèm hồ sơ không "
        "đúng với bản gốc."
    ),
    "document_ref": "Số 210-QĐ/BTCTW",
    "revoked_on": dt.date(2024, 9, 10),
}
RECOVERY = {
    "recovered_on": dt.date(2024, 9, 30),
    "insignia_returned": True,
    "note": "Nộp lại tiền thưởng và Bằng khen tại Văn phòng Ban.",
}

# ---- history the engine needs (ILLUSTRATIVE) ----------------------------------------------
# The Trưởng Ban of BTC-DUKDN: HTXS every year from 2018, CSTĐCS each year (her own board's
# decisions), CSTĐ Ban TCTW for 2018–2020 (a ministry-scope initiative of 2019), a ministry-scope
# initiative of 2022 for the 2021–2023 title and a national-scope one of 2023 (Law Art. 21, 22).
HEAD_HTXS_YEARS = range(2018, 2024)
HEAD_INITIATIVES = (
    # (title, year, scope, recognised by, recognition document)
    (
        "Quy trình thẩm định nhân sự cấp ủy trong các đảng bộ doanh nghiệp nhà nước",
        2019,
        "ministry",
        "Hội đồng sáng kiến Ban Tổ chức Trung ương",
        "Số 1415-QĐ/BTCTW",
    ),
    (
        "Bộ tiêu chí đánh giá chất lượng tổ chức cơ sở đảng trong doanh nghiệp",
        2022,
        "ministry",
        "Hội đồng sáng kiến Ban Tổ chức Trung ương",
        "Số 1733-QĐ/BTCTW",
    ),
    (
        "Mô hình quản lý đảng viên làm việc ở nước ngoài của các tập đoàn, tổng công ty",
        2023,
        "national",
        "Hội đồng sáng kiến cấp quốc gia",
        "Số: 112/QĐ-HĐSKQG",
    ),
)
HEAD_EARLIER_CSTD_BO = {  # Chiến sĩ thi đua Ban TCTW for 2018–2020
    "year": 2020,
    "period_start": 2018,
    "number": "Số 1020-QĐ/BTCTW",
    "decided_on": dt.date(2021, 3, 18),
    "uses": 2019,  # the year of the initiative it was grounded on
}
OWN_DECISION_DAY = (12, 26)  # each board decides its CSTĐCS on 26 December (as the awards demo)
# The six individuals: HTXS in 2022 and 2023 and two initiatives of their unit (Law Art. 74(1)(d)).
MERIT_HTXS_YEARS = (2022, 2023)
MERIT_INITIATIVES = (
    ("Cải tiến cách lưu trữ hồ sơ đảng viên tại phòng", 2022),
    ("Sổ tay hướng dẫn nghiệp vụ công tác tổ chức cho chi bộ cơ sở", 2023),
)
