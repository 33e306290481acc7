"""The texts of the news demo: the seed article and a few synthetic items.

The seed article is real (../shared/seed/cum-thi-dua-so-6.txt): its title, paragraphs, photo
captions and credits are copied as published, quotes and names included (the two leaders it names
are public figures quoted by the article, not demo people). Its lead is the first paragraph of the
report, cut after the first sentence of the quotation. The portal's own labels that followed the
article on the page it came from ("Phản hồi", "Các tin khác" …) are left out.

Everything else is SYNTHETIC: plausible news of Cụm thi đua số 6 written for the demo, naming
no real person; the typical-example story names a demo person at load time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from thidua.campaigns.demo_plan import MovementSpec

NEWS, EXAMPLES, NOTICES = "tin-hoat-dong", "guong-dien-hinh", "thong-bao"
# (name, slug, order) of the portal's sections.
CATEGORIES = (
    ("Tin hoạt động", NEWS, 1),
    ("Gương điển hình", EXAMPLES, 2),
    ("Thông báo", NOTICES, 3),
)
CLUSTER_TAG = "Cụm thi đua số 6"
SECTOR_TAG = "Ngành Tổ chức xây dựng Đảng"


@dataclass(frozen=True)
class PhotoText:
    caption: str
    credit: str
    colour: tuple[int, int, int]  # the background of the generated picture


@dataclass(frozen=True)
class ArticleText:
    key: str  # short and stable: names the demo's reading sessions of the article
    title: str
    lead: str
    paragraphs: tuple[str, ...]
    category: str  # a slug of CATEGORIES
    tags: tuple[str, ...] = ()
    byline: str = ""
    photos: tuple[PhotoText, ...] = ()


# ---- the seed article --------------------------------------------------------------------------
SEED_CREDIT = "Ảnh: ĐUKDN Trung ương"
SEED = ArticleText(
    key="seed",
    title=(
        "Tọa đàm Thúc đẩy thi đua trong các cơ quan tham mưu công tác tổ chức, cán bộ, góp phần "
        "thực hiện thắng lợi nghị quyết đại hội đảng bộ các cấp"
    ),
    lead=(
        "Báo cáo đề dẫn Tọa đàm, đồng chí Chu Đình Động, Uỷ viên Ban Thường vụ, Trưởng Ban Tổ "
        "chức Đảng uỷ Khối Doanh nghiệp Trung ương, Cụm trưởng Cụm Thi đua số 6, Ngành Tổ chức "
        "xây dựng Đảng năm 2023 đã nhấn mạnh: “Sinh thời, khi bàn về vai trò của công tác thi "
        "đua, khen thưởng, Chủ tịch Hồ Chí Minh đã từng nói: Hễ là người Việt Nam yêu nước thì "
        "phải thi đua, thi đua là yêu nước…”"
    ),
    paragraphs=(
        "Báo cáo đề dẫn Tọa đàm, đồng chí Chu Đình Động, Uỷ viên Ban Thường vụ, Trưởng Ban Tổ "
        "chức Đảng uỷ Khối Doanh nghiệp Trung ương, Cụm trưởng Cụm Thi đua số 6, Ngành Tổ chức "
        "xây dựng Đảng năm 2023 đã nhấn mạnh: “Sinh thời, khi bàn về vai trò của công tác thi "
        "đua, khen thưởng, Chủ tịch Hồ Chí Minh đã từng nói: Hễ là người Việt Nam yêu nước thì "
        "phải thi đua, thi đua là yêu nước. Thi đua là một cách yêu nước thiết thực nhất. Những "
        "người thi đua là những người yêu nước nhất. Thấm nhuần quan điểm của Chủ tịch Hồ Chí "
        "Minh về vị trí, vai trò của công tác thi đua, khen thưởng, Đảng, Nhà nước ta luôn khẳng "
        "định cần tiếp tục thực hiện tư tưởng của Người về thi đua, khen thưởng, coi đây là động "
        "lực giúp kiến tạo con người mới xã hội chủ nghĩa trong công cuộc xây dựng sự nghiệp "
        "công nghiệp hóa, hiện đại hóa đất nước, vì mục tiêu “dân giàu, nước mạnh xã hội dân "
        "chủ, công bằng, văn minh”.",
        "Phát biểu tại Tọa đàm, đồng chí Nguyễn Long Hải, Ủy viên dự khuyết BCH Trung ương Đảng, "
        "Bí thư Đảng ủy Khối Doanh nghiệp Trung ương nhấn mạnh: “Công tác tổ chức là then chốt "
        'của then chốt, làm tổ chức phải vững nguyên tắc, chắc nghiệp vụ". Đồng chí đề nghị các '
        "đơn vị trong Cụm thi đua tiếp tục phối hợp trong thực hiện nhiệm vụ được giao, hoàn "
        "thành tốt công tác tham mưu thi đua khen thưởng, từ nay đến đại hội đảng bộ các cấp rất "
        "cần đẩy mạnh các phong trào thi đua.",
        "Đảng ủy Khối Doanh nghiệp Trung ương dự kiến giữa năm 2024 sẽ phát động đợt thi đua về "
        "đích sớm các chỉ tiêu nhiệm kỳ 2020-2025, lấy thành tích tổng kết nhiệm kỳ và chào mừng "
        "đại hội đảng bộ các cấp. Để thực hiện thắng lợi các mục tiêu đề ra, đề nghị 5 đơn vị "
        "thành viên trong Cụm thi đua số 6, tiếp tục phát huy truyền thống đoàn kết, đẩy mạnh "
        "các phong trào thi đua yêu nước, lấy thi đua để vượt qua khó khăn.",
        "Thời gian qua, hoạt động của Cụm thi đua số 6 đã luôn thể hiện sự đoàn kết, thống nhất, "
        "đề cao tinh thần hợp tác trong triển khai, thực hiện nhiệm vụ chung. Cán bộ, viên chức, "
        "công chức làm công tác thi đua, khen thưởng tại các đơn vị đã tích cực tham mưu tổ chức "
        "tốt các phong trào thi đua ở mỗi đơn vị, tham gia nhiệt tình, có trách nhiệm đối với "
        "hoạt động chung của Cụm. Sự phối hợp trong tổ chức các hoạt động đã tạo ra môi trường "
        "thuận lợi, thúc đẩy trao đổi, chia sẻ, học tập kinh nghiệm quý trong tổ chức thực hiện "
        "tốt các chỉ tiêu, nhiệm vụ.",
        "Đối với Đảng ủy Khối Doanh nghiệp Trung ương, năm 2023 là năm tham mưu thực hiện chủ "
        "đề công tác “Tập trung xây dựng, củng cố tổ chức bộ máy và đội ngũ cán bộ” của Đảng ủy "
        "Khối. Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương đã quán triệt phương châm “vững "
        "nguyên tắc, chắc nghiệp vụ”, tập trung tham mưu thực hiện tốt các quy định của Trung "
        "ương về tổ chức bộ máy cơ quan tham mưu, giúp việc của đảng ủy cấp trên cơ sở trong "
        "doanh nghiệp nhà nước. Chủ động tham mưu xử lý 4.290/9.317 văn bản đến, tham mưu ban "
        "hành 1.054/1.709 văn bản đi của Đảng ủy Khối (chiếm 61,67%), ban hành 1.739 văn bản của "
        "Ban Tổ chức.",
        "Năm 2023, các đơn vị trong Cụm thi đua số 6 đều tích cực phấn đấu, hoàn thành tốt nhiệm "
        "vụ được giao. Ban Tổ chức Đảng ủy Khối Các cơ quan Trung ương đã chủ động tham mưu hoàn "
        "thành tốt các nội dung theo kế hoạch công tác và các nhiệm vụ phát sinh, tham mưu xử lý "
        "6.172 văn bản đến; tham mưu phát hành 3.498 văn bản đi. Cục Tổ chức cán bộ, Bộ Công an "
        "đã tham mưu xử lý 73.688 văn bản đến; ban hành 22.158 văn bản. Cục Tổ chức, Tổng Cục "
        "Chính trị, Quân đội nhân dân Việt Nam đã tham mưu Quân ủy Trung ương, Ban Thường vụ Quân "
        "ủy Trung ương, Bộ Quốc phòng và Cục Tổ chức ban hành trên 200 văn bản các loại, trên 300 "
        "văn bản của cấp Cục liên quan đến công tác tổ chức xây dựng Đảng, đề xuất và tham gia ý "
        "kiến vào trên 800 lượt văn bản. Cục Cán bộ, Tổng Cục Chính trị Quân đội nhân dân Việt "
        "Nam đã tham mưu ban hành, xử lý 3.825 văn bản các loại, trong đó có 47 văn bản về nghị "
        "quyết, chỉ thị, kết luận, kế hoạch.",
        "Năm 2023, Cụm thi đua số 6 đã được Hội đồng thi đua Ngành Tổ chức xây dựng Đảng khen "
        "thưởng tặng 1 Cờ và 2 Bằng khen cho tập thể và 6 Bằng khen cho cá nhân có thành tích "
        "xuất sắc trong thực hiện nhiệm vụ trong năm. Trong đó, tập thể Ban Tổ chức Đảng ủy Khối "
        "Doanh nghiệp Trung ương đạt danh hiệu “Tập thể lao động xuất sắc”, được tặng Bằng khen "
        "của Ban Tổ chức Trung ương; đồng chí Trưởng Ban được tặng danh hiệu “Chiến sỹ thi đua "
        "toàn quốc”, 2 đồng chí được tặng Bằng khen và 2 đồng chí đạt danh hiệu “chiến sỹ thi "
        "đua cấp cơ sở”.",
        "Cụm thi đua số 6, Ngành Tổ chức xây dựng Đảng hiện có 5 đơn vị thành viên gồm: (1) Ban "
        "Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương; (2) Ban Tổ chức Đảng ủy Khối các cơ quan "
        "Trung ương; (3) Cục Tổ chức cán bộ, Bộ Công an; (4) Cục Tổ chức, Tổng Cục Chính trị, "
        "Quân đội nhân dân Việt Nam; (5) Cục Cán bộ, Tổng Cục Chính trị, Quân đội nhân dân Việt "
        "Nam.",
        "Trong những năm qua, thực hiện quy chế thi đua, khen thưởng Ngành Tổ chức xây dựng Đảng "
        "của Ban Tổ chức Trung ương và Hướng dẫn số 04-HD/BTCTW ngày 17-5-2021 của Hội đồng Thi "
        "đua, khen thưởng Ngành Tổ chức xây dựng Đảng, Cụm thi đua số 6 nói chung, các thành viên "
        "trong đơn vị nói riêng đã chủ động xây dựng kế hoạch, chương trình công tác, phát động "
        "phong trào thi đua.",
        "Căn cứ nhiệm vụ trọng tâm của Ngành Tổ chức xây dựng Đảng và trọng tâm nhiệm vụ chính "
        "trị, các đơn vị trong Cụm đã xác định chủ đề và những nội dung, chỉ tiêu phấn đấu cụ "
        "thể để thống nhất và ký kết giao ước thi đua hằng năm.",
    ),
    category=NEWS,
    tags=(CLUSTER_TAG, SECTOR_TAG, "Tọa đàm"),
    # In the seed, the first photo opens the article, the second follows the third paragraph and
    # the third the sixth; the body does not place them (yet), their order does.
    photos=(
        PhotoText("Toàn cảnh Tọa đàm.", SEED_CREDIT, (31, 78, 121)),
        PhotoText(
            "Đồng chí Nguyễn Long Hải, Uỷ viên dự khuyết BCH Trung ương Đảng, Bí thư Đảng uỷ Khối "
            "Doanh nghiệp Trung ương phát biểu tại Toạ đàm.",
            SEED_CREDIT,
            (122, 38, 38),
        ),
        PhotoText(
            "Đồng chí Chu Đình Động,Trưởng Ban Tổ chức Đảng ủy Khối Doanh nghiệp Trung ương, "
            "Cụm trưởng Cụm thi đua số 6, Ngành Tổ chức xây dựng Đảng năm 2023 báo cáo Đề dẫn "
            "Tọa đàm.",
            SEED_CREDIT,
            (46, 104, 74),
        ),
    ),
)


# ---- synthetic items ---------------------------------------------------------------------------
def example_story(*, name: str, position: str, department: str) -> ArticleText:
    """A typical example: a demo officer of Cục Tổ chức cán bộ, Bộ Công an (the awards demo's
    ministry-level fighter: HTXS from 2020, CSTĐ Bộ Công an for 2020–2022, two initiatives)."""
    post = ", ".join(part for part in (position, department) if part)
    return ArticleText(
        key="example",
        title="Gương điển hình: Người cán bộ tổ chức “vững nguyên tắc, chắc nghiệp vụ”",
        lead=(
            f"Năm năm liền hoàn thành xuất sắc nhiệm vụ, hai sáng kiến được công nhận phạm vi "
            f"Bộ Công an: đồng chí {name} là tấm gương tiêu biểu của Cục Tổ chức cán bộ."
        ),
        paragraphs=(
            f"Đồng chí {name}, {post}, Cục Tổ chức cán bộ, Bộ Công an, đã hoàn thành xuất sắc "
            "nhiệm vụ liên tục từ năm 2020 đến năm 2024 và được tặng danh hiệu Chiến sĩ thi đua "
            "Bộ Công an giai đoạn 2020–2022.",
            "Sáng kiến “Hoàn thiện quy trình quy hoạch cán bộ lãnh đạo cấp phòng trong Công an "
            "nhân dân” (2021) của đồng chí đã được áp dụng trong toàn lực lượng, giúp rút ngắn "
            "thời gian rà soát, bổ sung quy hoạch hằng năm.",
            "Năm 2024, đồng chí tiếp tục chủ trì sáng kiến “Số hóa hồ sơ cán bộ phục vụ công tác "
            "quy hoạch, luân chuyển trong Công an nhân dân”, được Hội đồng sáng kiến Bộ Công an "
            "công nhận.",
            "Chia sẻ về kinh nghiệm của mình, đồng chí cho rằng người làm công tác tổ chức phải "
            "nắm chắc quy định, làm việc có kế hoạch và luôn học hỏi đồng nghiệp trong Cụm thi "
            "đua.",
        ),
        category=EXAMPLES,
        tags=(CLUSTER_TAG, "Chiến sĩ thi đua"),
        byline="Cục Tổ chức cán bộ, Bộ Công an",
    )


def movement_notice(movement: MovementSpec) -> ArticleText:
    """The announcement of a movement of the campaigns demo (its decision, deadline, slogan)."""
    deadline = movement.registration_deadline
    paragraphs = [
        f"Ngày {movement.decision_date:%d/%m/%Y}, Ban Tổ chức Trung ương ban hành Kế hoạch số "
        f"{movement.decision_number} phát động {movement.title[0].lower()}{movement.title[1:]}.",
        f"Mục tiêu: {movement.goals}",
    ]
    if movement.slogan:
        paragraphs.append(f"Khẩu hiệu thi đua: “{movement.slogan}”.")
    if deadline:
        paragraphs.append(
            f"Các đơn vị trong Ngành đăng ký thi đua trước ngày {deadline:%d/%m/%Y}; các cụm thi "
            "đua tổ chức ký kết giao ước thi đua sau khi các thành viên đăng ký."
        )
    return ArticleText(
        key="movement",
        title=f"Phát động {movement.title[0].lower()}{movement.title[1:]}",
        lead="Các cơ quan, đơn vị trong Ngành đăng ký thi đua và ký kết giao ước theo cụm.",
        paragraphs=tuple(paragraphs),
        category=NOTICES,
        tags=(SECTOR_TAG,),
        byline="Văn phòng Ban Tổ chức Trung ương",
    )


def meeting_notice(*, meeting_day: dt.date) -> ArticleText:
    """A notice scheduled ahead of the cluster's review meeting; a meeting held before July
    reviews the year before."""
    year = meeting_day.year if meeting_day.month >= 7 else meeting_day.year - 1
    return ArticleText(
        key="meeting",
        title="Cụm thi đua số 6 sẽ tổ chức Hội nghị tổng kết công tác thi đua, khen thưởng",
        lead="Hội nghị đánh giá kết quả thực hiện giao ước thi đua và bình xét khen thưởng.",
        paragraphs=(
            f"Ngày {meeting_day:%d/%m/%Y}, Cụm thi đua số 6, Ngành Tổ chức xây dựng Đảng tổ chức "
            f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {year}, đánh giá kết quả thực "
            "hiện giao ước thi đua của các đơn vị thành viên.",
            "Tại Hội nghị, các đơn vị chấm điểm chéo, bỏ phiếu suy tôn đơn vị dẫn đầu và thống "
            "nhất đơn vị làm Cụm trưởng, Cụm phó năm sau.",
        ),
        category=NOTICES,
        tags=(CLUSTER_TAG,),
        byline="Cụm thi đua số 6",
    )


DRAFT = ArticleText(
    key="draft",
    title="Cục Cán bộ, Tổng Cục Chính trị tập huấn nghiệp vụ thi đua, khen thưởng",
    lead="Hơn 60 cán bộ làm công tác thi đua, khen thưởng các đơn vị trực thuộc dự tập huấn.",
    paragraphs=(
        "Lớp tập huấn giới thiệu các quy định mới về thi đua, khen thưởng, cách lập hồ sơ đề "
        "nghị khen thưởng và các lỗi thường gặp khi thẩm định.",
    ),
    category=NEWS,
    tags=(CLUSTER_TAG,),
    byline="Cục Cán bộ, Tổng Cục Chính trị",
)
IN_REVIEW = ArticleText(
    key="review",
    title="Các đơn vị Cụm thi đua số 6 trao đổi kinh nghiệm số hóa hồ sơ khen thưởng",
    lead="Buổi trao đổi giúp các đơn vị thống nhất cách lưu trữ hồ sơ khen thưởng điện tử.",
    paragraphs=(
        "Cán bộ làm công tác thi đua, khen thưởng của 5 đơn vị thành viên đã chia sẻ cách số "
        "hóa, lưu trữ và tra cứu hồ sơ đề nghị khen thưởng, quyết định khen thưởng qua các năm.",
        "Các đơn vị thống nhất dùng chung danh mục hồ sơ và mẫu biểu để thuận tiện khi tổng hợp "
        "báo cáo của Cụm.",
    ),
    category=NEWS,
    tags=(CLUSTER_TAG,),
    byline="Cục Tổ chức, Tổng Cục Chính trị",
)
