import io

import pytest
from docx import Document

from thidua.documents import render
from thidua.documents.papers.decision import can_print, gather
from thidua.documents.registry import definition
from thidua.documents.tests.core_helpers import (
    draft_decision,
    issued_decision,
    prime_minister_decision,
)
from thidua.documents.tests.docx_helpers import docx_texts

pytestmark = pytest.mark.django_db


def printed(decision, user) -> list[str]:
    return docx_texts(render.render_docx(gather(decision, user, {})))


def test_a_party_decision_prints_the_party_header_number_and_date(world):
    texts = printed(issued_decision(world), world.secretary)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts
    assert "BAN TỔ CHỨC TRUNG ƯƠNG" in texts and "NGÀNH TỔ CHỨC XÂY DỰNG ĐẢNG" in texts
    assert "Số 12-QĐ/BTCTW" in texts
    assert "Hà Nội, ngày 15 tháng 01 năm 2024" in texts
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in texts


def test_a_decision_of_the_prime_minister_prints_the_state_header(world):
    texts = printed(prime_minister_decision(world), world.admin)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts
    assert "THỦ TƯỚNG CHÍNH PHỦ" in texts and "Số: 456/QĐ-TTg" in texts
    assert "Hà Nội, ngày 20 tháng 4 năm 2024" in texts
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in texts


def test_a_draft_prints_with_a_blank_number_and_blank_date(world):
    texts = printed(draft_decision(world), world.secretary)
    number = next(text for text in texts if text.endswith("-QĐ/BTCTW"))
    assert not any(char.isdigit() for char in number)
    assert "Hà Nội, ngày … tháng … năm …" in texts


def test_the_decision_prints_type_abstract_bases_and_articles(world):
    texts = printed(issued_decision(world), world.secretary)
    assert "QUYẾT ĐỊNH" in texts and "Về việc tặng Bằng khen năm 2023" in texts
    assert any(text.startswith("Căn cứ Luật Thi đua, khen thưởng") for text in texts)
    assert "QUYẾT ĐỊNH:" in texts
    article_one = next(text for text in texts if text.startswith("Điều 1."))
    assert "2 cá nhân (có danh sách kèm theo)" in article_one
    effect = "Điều 3. Quyết định này có hiệu lực kể từ ngày ký."
    assert any(text.startswith(effect) for text in texts)


def test_the_money_article_gives_the_total(world):
    decision = issued_decision(world)
    total = sum(line.amount for line in decision.lines.all())
    money = f"{total:,.0f}".replace(",", ".")
    texts = printed(decision, world.secretary)
    assert any(text.startswith("Điều 2.") and f"{money} đồng" in text for text in texts)


def test_the_signature_block_prints_the_signers_title_and_name(world):
    texts = printed(issued_decision(world), world.secretary)
    assert "TRƯỞNG BAN" in texts and "Nguyễn Văn Bình" in texts and "Nơi nhận:" in texts


def test_the_annex_starts_on_a_new_page_and_refers_to_the_decision(world):
    content = render.render_docx(gather(issued_decision(world), world.secretary, {}))
    texts = docx_texts(content)
    annex = texts.index("DANH SÁCH")
    assert (
        "(Kèm theo Quyết định số 12-QĐ/BTCTW, ngày 15/01/2024 của Ban Tổ chức Trung ương)"
        in (texts[annex:])
    )
    body_xml = Document(io.BytesIO(content)).element.body.xml
    assert body_xml.index('w:type="page"') < body_xml.index("DANH SÁCH")


def test_the_annex_groups_recipients_by_award_and_ends_with_the_total(world):
    decision = issued_decision(world, people=2, units=1)
    rows = gather(decision, world.secretary, {}).tables["annex"].rows
    headings = [row for row in rows if row.get("_bold")]
    assert [row["number"] for row in headings[:2]] == ["I", "II"]
    assert headings[-1]["name"] == "Tổng cộng"
    assert headings[-1]["amount"] == sum(line.amount for line in decision.lines.all())
    people = [row for row in rows if row.get("number") in (1, 2) and "Phòng" in row["where"]]
    assert people and people[0]["award"]


def test_a_person_is_listed_with_their_position_and_unit(world):
    world.dn_person.position = "Chuyên viên"
    world.dn_person.save()
    rows = gather(issued_decision(world, people=1), world.secretary, {}).tables["annex"].rows
    assert rows[1]["where"] == "Chuyên viên, Phòng Tổ chức cán bộ"


def test_without_money_the_articles_are_renumbered(world):
    decision = issued_decision(world)
    decision.lines.update(amount=None)
    heads = [a["head"] for a in gather(decision, world.secretary, {}).body["articles"]]
    assert heads == ["Điều 1.", "Điều 2."]


def test_any_signed_in_user_may_print_an_issued_decision(world):
    assert can_print(world.outsider, issued_decision(world))


def test_a_draft_may_be_printed_only_by_who_may_issue_it(world):
    decision = draft_decision(world)
    assert can_print(world.secretary, decision)
    assert not can_print(world.outsider, decision)


def test_the_registered_definition_prints_decisions():
    from thidua.nominations.models import Decision

    decision_definition = definition("decision")
    assert decision_definition.source is Decision and decision_definition.sample is not None


def test_the_build_command_writes_the_shipped_template(tmp_path, monkeypatch):
    from django.core.management import call_command

    from thidua.documents import docx_builder

    monkeypatch.setattr(docx_builder, "TEMPLATE_DIR", tmp_path)
    call_command("build_paper_templates", "decision", stdout=io.StringIO())
    assert render.template_check((tmp_path / "decision.docx").read_bytes(), "decision") == []
