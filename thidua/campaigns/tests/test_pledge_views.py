"""Pledge pages: who sees and does what, forms that keep what was typed, the printable copy."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from thidua.campaigns.models import Indicator, Pledge
from thidua.campaigns.selectors.pledges import official_dateline
from thidua.campaigns.services import pledges as services
from thidua.core.audit import save_audited
from thidua.core.tests.helpers import sign_in
from thidua.org.tests.factories import PersonFactory

YEAR = 2024


@pytest.fixture
def en(client):
    """English pages, so assertions read the msgids whatever the catalogue holds."""
    client.cookies["django_language"] = "en"
    return client


def pledge(world, *, status: str = "draft") -> Pledge:
    target = Indicator(
        cluster=world.cluster6, year=YEAR, code="vb", name="Tỷ lệ văn bản xử lý đúng hạn",
        kind=Indicator.Kind.PERCENTAGE, target=Decimal("90"),
    )  # fmt: skip
    save_audited(target, by=None)
    found = services.pledge_create(
        cluster=world.cluster6, year=YEAR, theme="Đoàn kết, đổi mới, sáng tạo",
        place="Hà Nội", by=world.leader_officer,
    )  # fmt: skip
    services.pledge_item_add(
        pledge=found, text="Xử lý văn bản đúng hạn", indicators=[target], by=world.leader_officer
    )
    if status == "draft":
        return found
    found = services.pledge_open_for_signing(pledge=found, by=world.leader_officer)
    if status == "in_force":
        for unit, name in ((world.dn, "Nguyễn Văn An"), (world.cq, "Trần Thị Bích")):
            services.pledge_sign(
                pledge=found, unit=unit, signer_name=name, signer_position="Trưởng ban",
                by=world.admin,
            )  # fmt: skip
    return Pledge.objects.get(pk=found.pk)


def url(name: str, *args) -> str:
    return reverse(f"campaigns:{name}", args=args)


# ---- who sees and does what ---------------------------------------------------------------------
def test_an_outsider_gets_404_on_every_page_of_the_pledge(client, world):
    p = pledge(world, status="signing")
    sign_in(client, world.outsider)

    for page in (
        url("pledge_current", world.cluster6.pk, YEAR),
        url("pledge_detail", p.pk),
        url("pledge_print", p.pk),
        url("pledge_sign", p.pk, world.dn.pk),
    ):
        assert client.get(page).status_code == 404, page


def test_a_member_unit_officer_sees_the_pledge_and_its_contents(en, world):
    p = pledge(world)
    sign_in(en, world.officer)

    response = en.get(url("pledge_detail", p.pk))

    assert response.status_code == 200
    assert "Xử lý văn bản đúng hạn" in response.text
    assert "at least 90%" in response.text


def test_a_member_unit_officer_cannot_draft_or_edit_the_pledge(client, world):
    p = pledge(world)
    sign_in(client, world.officer)

    assert client.get(url("pledge_add", world.cluster6.pk, YEAR + 1)).status_code == 403
    assert client.get(url("pledge_edit", p.pk)).status_code == 403


def test_the_cluster_officer_drafts_the_pledge_from_the_years_page(en, world):
    sign_in(en, world.leader_officer)
    page = en.get(url("pledge_current", world.cluster6.pk, YEAR))
    assert url("pledge_add", world.cluster6.pk, YEAR) in page.text

    response = en.post(url("pledge_add", world.cluster6.pk, YEAR), {"theme": "Chủ đề năm"})

    created = Pledge.objects.get(cluster=world.cluster6, year=YEAR)
    assert response.status_code == 302
    assert response["Location"] == url("pledge_detail", created.pk)


def test_a_member_officer_gets_a_sign_button_only_for_their_own_unit(en, world):
    p = pledge(world, status="signing")
    sign_in(en, world.officer)

    page = en.get(url("pledge_detail", p.pk)).text

    assert url("pledge_sign", p.pk, world.cq.pk) in page
    assert url("pledge_sign", p.pk, world.dn.pk) not in page


def test_signing_for_another_member_unit_is_forbidden(client, world):
    p = pledge(world, status="signing")
    sign_in(client, world.officer)

    assert client.get(url("pledge_sign", p.pk, world.dn.pk)).status_code == 403
    assert not p.signatures.exists()


def test_the_unit_head_signs_on_the_page(en, world):
    p = pledge(world, status="signing")
    sign_in(en, world.cq_head)

    response = en.post(
        url("pledge_sign", p.pk, world.cq.pk),
        {"signer_name": "Trần Thị Bích", "signer_position": "Trưởng ban"},
    )

    assert response.status_code == 302
    signature = p.signatures.get()
    assert (signature.unit, signature.recorded_by) == (world.cq, world.cq_head)


def test_the_sign_form_is_filled_in_with_the_users_own_name(en, world):
    PersonFactory(full_name="Phạm Thu Dung", unit=world.cq, user=world.officer)
    p = pledge(world, status="signing")
    sign_in(en, world.officer)

    response = en.get(url("pledge_sign", p.pk, world.cq.pk))

    assert 'value="Phạm Thu Dung"' in response.text


# ---- forms keep what was typed ------------------------------------------------------------------
def test_a_signature_without_position_re_shows_the_name_typed(en, world):
    p = pledge(world, status="signing")
    sign_in(en, world.officer)

    response = en.post(
        url("pledge_sign", p.pk, world.cq.pk), {"signer_name": "Lê Văn Tám", "signer_position": ""}
    )

    assert response.status_code == 200
    assert 'value="Lê Văn Tám"' in response.text
    assert "is-invalid" in response.text
    assert not p.signatures.exists()


def test_an_amendment_without_reason_is_refused_beside_the_field(en, world):
    p = pledge(world, status="in_force")
    sign_in(en, world.leader_officer)

    response = en.post(url("pledge_amend", p.pk), {"reason": ""})

    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert Pledge.objects.filter(cluster=world.cluster6, year=YEAR).count() == 1


def test_a_second_pledge_is_refused_on_the_page_with_what_was_typed(en, world):
    pledge(world)
    sign_in(en, world.leader_officer)

    response = en.post(url("pledge_add", world.cluster6.pk, YEAR), {"theme": "Chủ đề thứ hai"})

    assert response.status_code == 200
    assert "Chủ đề thứ hai" in response.text
    assert "already has a draft pledge" in response.text


def test_a_content_with_another_clusters_indicator_re_shows_the_text(en, world):
    p = pledge(world)
    foreign = Indicator(cluster=world.cluster3, year=YEAR, code="kt", name="Khác", target=None)
    save_audited(foreign, by=None)
    sign_in(en, world.leader_officer)

    response = en.post(
        url("pledge_item_add", p.pk), {"text": "Nội dung mới", "indicators": [foreign.pk]}
    )

    assert response.status_code == 200
    assert "Nội dung mới" in response.text
    assert "is-invalid" in response.text
    assert p.items.count() == 1


def test_the_draft_editing_pages_send_back_once_the_pledge_is_opened(en, world):
    p = pledge(world, status="signing")
    sign_in(en, world.leader_officer)

    for page in (url("pledge_edit", p.pk), url("pledge_item_add", p.pk)):
        response = en.get(page)
        assert response.status_code == 302
        assert response["Location"] == url("pledge_detail", p.pk)


def test_opening_on_the_page_asks_first_and_lists_who_will_sign(en, world):
    p = pledge(world)
    sign_in(en, world.leader_officer)

    confirm = en.get(url("pledge_open", p.pk))
    assert world.dn.name in confirm.text and world.cq.name in confirm.text
    assert Pledge.objects.get(pk=p.pk).status == Pledge.Status.DRAFT

    en.post(url("pledge_open", p.pk))
    assert Pledge.objects.get(pk=p.pk).status == Pledge.Status.SIGNING


def test_moving_a_content_down_on_the_page_renumbers(client, world):
    p = pledge(world)
    services.pledge_item_add(pledge=p, text="Nội dung hai", by=world.leader_officer)
    first = p.items.get(number=1)
    sign_in(client, world.leader_officer)

    client.post(url("pledge_item_move", p.pk, first.pk), {"offset": "1"})

    assert p.items.get(pk=first.pk).number == 2


# ---- the printable copy -------------------------------------------------------------------------
def test_the_print_view_shows_the_contents_the_targets_and_the_signers(en, world):
    p = pledge(world, status="in_force")
    sign_in(en, world.officer)

    page = en.get(url("pledge_print", p.pk)).text

    assert f"EMULATION PLEDGE FOR {YEAR}" in page
    assert "EMULATION CLUSTER NO. 6" in page
    assert "BAN TỔ CHỨC TRUNG ƯƠNG" in page
    assert "1.</strong> Xử lý văn bản đúng hạn" in page
    assert "Tỷ lệ văn bản xử lý đúng hạn: at least 90%" in page
    assert "Nguyễn Văn An" in page and "Trần Thị Bích" in page
    assert "TRƯỞNG BAN" in page
    assert p.text_digest in page


def test_a_state_organiser_prints_the_national_title_and_motto(en, world):
    p = pledge(world, status="in_force")
    sign_in(en, world.officer)

    page = en.get(url("pledge_print", p.pk)).text

    assert "SOCIALIST REPUBLIC OF VIETNAM" in page
    assert "Independence - Freedom - Happiness" in page
    assert "COMMUNIST PARTY OF VIETNAM" not in page


def test_a_party_organiser_prints_the_partys_name_instead(en, world):
    world.btctw.document_style = "party"
    save_audited(world.btctw, by=None)
    p = pledge(world, status="in_force")
    sign_in(en, world.officer)

    page = en.get(url("pledge_print", p.pk)).text

    assert "COMMUNIST PARTY OF VIETNAM" in page
    assert "SOCIALIST REPUBLIC OF VIETNAM" not in page


def test_a_draft_prints_as_a_draft_with_unsigned_blocks(en, world):
    p = pledge(world)
    sign_in(en, world.leader_officer)

    page = en.get(url("pledge_print", p.pk)).text

    assert "DRAFT" in page
    assert page.count("(Not yet signed)") == 2


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 2, 5), "Hà Nội, day 05 month 02 year 2024"),
        (dt.date(2024, 3, 15), "Hà Nội, day 15 month 3 year 2024"),
        (dt.date(2024, 11, 5), "Hà Nội, day 05 month 11 year 2024"),
    ],
)
def test_the_date_line_follows_the_official_zero_padding(day, expected):
    noon = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)

    with translation.override("en"):
        assert official_dateline("Hà Nội", noon) == expected


def test_the_pledge_page_reads_the_same_number_of_rows_whatever_its_length(
    client, world, django_assert_max_num_queries
):
    p = pledge(world)
    target = p.items.get().indicators.get()
    for n in range(8):
        services.pledge_item_add(
            pledge=p, text=f"Nội dung {n}", indicators=[target], by=world.leader_officer
        )
    p = services.pledge_open_for_signing(pledge=p, by=world.leader_officer)
    sign_in(client, world.officer)

    with django_assert_max_num_queries(22):
        client.get(url("pledge_detail", p.pk))
