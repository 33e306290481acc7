"""The emulation pledge as an official paper: theme, numbered contents with their targets, the
criteria table with its points, and a signature block for each member unit."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from thidua.campaigns.models import Indicator, Pledge, PledgeItem, PledgeSignature
from thidua.documents.papers.pledge import gather
from thidua.documents.registry import definition
from thidua.documents.render import render_docx, template_check
from thidua.documents.tests.cluster_helpers import indicator, template_of
from thidua.documents.tests.docx_helpers import docx_texts
from thidua.scoring.models import CriteriaTable, Criterion, CriterionGroup

S = Pledge.Status


def pledge_of(world, *, status=S.IN_FORCE) -> Pledge:
    pledge = Pledge.objects.create(
        cluster=world.cluster6, year=2023, theme="Đoàn kết, đổi mới, hoàn thành xuất sắc nhiệm vụ",
        preamble="Thực hiện Hướng dẫn số 04-HD/BTCTW ngày 17-5-2021.", place="Hà Nội",
        status=status, opened_at=timezone.make_aware(dt.datetime(2023, 2, 10, 9)),
    )  # fmt: skip
    first = PledgeItem.objects.create(
        pledge=pledge, number=1, text="Hoàn thành xuất sắc nhiệm vụ chính trị."
    )
    first.indicators.add(
        indicator(
            world, "VB-DI-TL", "Tỷ lệ văn bản đi được tham mưu ban hành",
            kind=Indicator.Kind.RATIO, target=Decimal(60),
        ),
        indicator(
            world, "VI-PHAM", "Số vụ vi phạm kỷ luật", kind=Indicator.Kind.COUNT,
            direction=Indicator.Direction.AT_MOST, target=Decimal(2), unit_of_measure="vụ",
        ),
    )  # fmt: skip
    PledgeItem.objects.create(pledge=pledge, number=2, text="Thực hành tiết kiệm.")
    return pledge


def signed(pledge, unit, name="Chu Đình Động", position="Trưởng Ban") -> PledgeSignature:
    signature = PledgeSignature.objects.create(
        pledge=pledge, unit=unit, signer_name=name, signer_position=position, text_digest="x"
    )
    when = timezone.make_aware(dt.datetime(2023, 2, 20, 10))
    PledgeSignature.objects.filter(pk=signature.pk).update(signed_at=when)
    return signature


def criteria_of(world) -> CriteriaTable:
    table = CriteriaTable.objects.create(
        cluster=world.cluster6, year=2023, title="Bảng tiêu chí 2023"
    )
    work = CriterionGroup.objects.create(
        table=table, code="I", title="Công tác chuyên môn", order=1
    )
    Criterion.objects.create(group=work, code="1.1", title="Tham mưu văn bản", max_points=30)
    Criterion.objects.create(group=work, code="1.2", title="Tổ chức hội nghị", max_points=25)
    bonus = CriterionGroup.objects.create(
        table=table, code="T", title="Điểm thưởng", kind=CriterionGroup.Kind.BONUS, order=2
    )
    Criterion.objects.create(group=bonus, code="T.1", title="Được Bằng khen", max_points=5)
    return table


# ---- the text -----------------------------------------------------------------------------------
def test_the_contents_are_numbered_with_their_targets_in_words(world):
    items = gather(pledge_of(world), world.secretary, {}).body["items"]
    assert [(item["number"], item["text"]) for item in items] == [
        ("1", "Hoàn thành xuất sắc nhiệm vụ chính trị."), ("2", "Thực hành tiết kiệm."),
    ]  # fmt: skip
    assert items[0]["targets"] == [  # indicators in their set order, then by name
        "Số vụ vi phạm kỷ luật: at most 2 vụ",
        "Tỷ lệ văn bản đi được tham mưu ban hành: at least 60,00 %",
    ]


def test_the_pledge_is_issued_by_the_years_leader_with_its_own_type_and_symbol(world):
    paper = gather(pledge_of(world), world.secretary, {})
    assert paper.issuer == world.dn
    assert (paper.type_name, paper.type_code) == ("GIAO ƯỚC THI ĐUA", "GƯTĐ")
    assert paper.date == dt.date(2023, 2, 10)


def test_the_criteria_table_of_the_year_is_printed_with_its_points(world):
    criteria_of(world)
    rows = gather(pledge_of(world), world.secretary, {}).tables["criteria"].rows
    assert [(row["code"], row["title"], row["max"]) for row in rows] == [
        ("I", "CÔNG TÁC CHUYÊN MÔN", "55"),
        ("1.1", "Tham mưu văn bản", "30"),
        ("1.2", "Tổ chức hội nghị", "25"),
        ("T", "ĐIỂM THƯỞNG", "+5"),
        ("T.1", "Được Bằng khen", "+5"),
    ]


def test_a_year_without_a_criteria_table_prints_none(world):
    paper = gather(pledge_of(world), world.secretary, {})
    assert "criteria" not in paper.tables
    assert paper.body["has_criteria"] is False


# ---- who signs ----------------------------------------------------------------------------------
def test_every_member_has_a_signature_block_the_leader_first(world):
    pledge = pledge_of(world)
    signed(pledge, world.dn)
    (pair,) = gather(pledge, world.secretary, {}).body["signers"]
    leader, member = pair
    assert (leader["unit"], leader["role"], leader["position"], leader["name"]) == (
        world.dn.name.upper(), "(Cluster leader)", "TRƯỞNG BAN", "Chu Đình Động",
    )  # fmt: skip
    assert leader["mark"] == "(Signed on 20/02/2023)"
    assert (member["unit"], member["mark"], member["name"]) == (
        world.cq.name.upper(), "(Not yet signed)", "",
    )  # fmt: skip


# ---- Word and access ----------------------------------------------------------------------------
def test_the_word_pledge_has_the_theme_the_contents_and_the_signatures(world):
    pledge = pledge_of(world)
    signed(pledge, world.dn)
    texts = docx_texts(
        render_docx(gather(pledge, world.secretary, {}), template=template_of("pledge"))
    )
    assert "GIAO ƯỚC THI ĐUA" in texts
    assert "Đoàn kết, đổi mới, hoàn thành xuất sắc nhiệm vụ" in texts
    assert "1. Hoàn thành xuất sắc nhiệm vụ chính trị." in texts
    assert "- Số vụ vi phạm kỷ luật: at most 2 vụ" in texts
    assert world.cq.name.upper() in texts and "Chu Đình Động" in texts
    assert "DỰ THẢO" not in texts


def test_a_draft_pledge_is_marked_as_a_draft(world):
    paper = gather(pledge_of(world, status=S.DRAFT), world.secretary, {})
    assert "DỰ THẢO" in docx_texts(render_docx(paper, template=template_of("pledge")))


def test_who_may_read_the_pledge_may_print_it(world):
    pledge = pledge_of(world)
    allowed = definition("pledge").can_print
    assert allowed(world.officer, pledge)
    assert not allowed(world.outsider, pledge)


def test_its_shipped_word_template_passes_the_upload_check():
    assert template_check(template_of("pledge"), "pledge") == []
