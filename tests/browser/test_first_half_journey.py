"""The first half of a cluster's year in Debian's Chromium, in Vietnamese: the secretariat launches
a campaign, a unit registers, all five members sign the pledge, a unit reports with evidence, the
leader returns it with a reason, the unit corrects it and the dashboard shows the progress."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from thidua.campaigns.models import Indicator, IndicatorReport, Movement, Pledge
from thidua.campaigns.services import pledges
from thidua.campaigns.services.indicators import indicator_create
from thidua.core.tests.helpers import TINY_PDF as PDF
from thidua.org import services as org_services
from thidua.org.models import RoleAssignment
from thidua.org.tests.factories import UnitFactory, UserFactory

from .helpers import vi

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def five_members(world):
    """Cụm 6 with five members, each with its own emulation officer."""
    world.officers = {world.dn: world.leader_officer, world.cq: world.officer}
    for number in (3, 4, 5):
        unit = UnitFactory(name=f"Cục Tổ chức số {number}", parent=world.sector)
        org_services.cluster_member_add(
            cluster=world.cluster6, unit=unit, joined_on=dt.date(2021, 1, 1), by=None
        )
        officer = UserFactory(username=f"officer{number}")
        org_services.role_assign(
            user=officer, role=RoleAssignment.Role.UNIT_OFFICER, unit=unit, by=None
        )
        world.officers[unit] = officer
    return world


@pytest.fixture
def year_set_up(five_members):
    """The leader's officer has defined the year's indicator and opened the pledge for signing."""
    w, year = five_members, timezone.localdate().year
    w.year = year
    w.indicator = indicator_create(
        cluster=w.cluster6, year=year, by=w.leader_officer, code="VB-DI-TL",
        name="Tỷ lệ văn bản đi do Ban tham mưu ban hành", kind=Indicator.Kind.RATIO,
        numerator_label="Văn bản do Ban tham mưu", denominator_label="Tổng số văn bản đi",
        target=Decimal("60"), frequency=Indicator.Frequency.QUARTER, unit_of_measure="%",
    )  # fmt: skip
    w.pledge = pledges.pledge_create(
        cluster=w.cluster6, year=year, theme="Đoàn kết, sáng tạo, về đích sớm", by=w.leader_officer
    )
    pledges.pledge_item_add(
        pledge=w.pledge, text="Tham mưu ban hành từ 60% văn bản đi trở lên.",
        indicators=[w.indicator], by=w.leader_officer,
    )  # fmt: skip
    pledges.pledge_open_for_signing(pledge=w.pledge, by=w.leader_officer)
    return w


def test_the_first_half_of_the_year_from_launch_to_progress(
    year_set_up, live_server, as_user, settings
):
    settings.THIDUA_TWO_FACTOR_POLICY = ""  # the secretariat's second factor is tested elsewhere
    w, base = year_set_up, live_server.url

    # 1. The secretariat launches a time-boxed campaign for Cụm 6.
    secretariat = as_user("secretary")
    secretariat.goto(f"{base}/movements/new/")
    secretariat.locator("#id_title").fill("Đợt thi đua về đích sớm các chỉ tiêu năm")
    secretariat.locator("#id_kind").select_option(Movement.Kind.CAMPAIGN)
    secretariat.locator("#id_authority").select_option(str(w.btctw.pk))
    secretariat.locator("#id_decision_number").fill("12-KH/BTCTW")
    secretariat.locator("#id_decision_date").fill(f"{w.year}-01-05")
    secretariat.locator("#id_reach").select_option(Movement.Reach.CLUSTERS)
    secretariat.locator("#id_clusters").select_option(str(w.cluster6.pk))
    secretariat.locator("#id_starts_on").fill(f"{w.year}-01-10")
    secretariat.locator("#id_ends_on").fill(f"{w.year}-12-31")
    secretariat.locator("#main form button[type=submit]").click()
    launched = vi("Move to: %(status)s", status=vi(Movement.Status.LAUNCHED.label))
    secretariat.get_by_role("button", name=launched).click()
    expect(secretariat.get_by_test_id("movement-status")).to_contain_text(
        vi(Movement.Status.LAUNCHED.label)
    )
    campaign = Movement.objects.get(decision_number="12-KH/BTCTW")

    # 2. A member unit registers its collective title and a person's target, then sends it.
    officer = as_user("officer")
    officer.goto(f"{base}/movements/{campaign.pk}/")
    officer.get_by_test_id("registrations-link").click()
    officer.get_by_role("button", name=vi("Register this unit")).click()
    officer.locator("#unit_award_code").select_option("TTLDXS")
    officer.get_by_role("button", name=vi("Add the title"), exact=True).click()
    expect(officer.get_by_test_id("unit-titles")).to_contain_text("Tập thể lao động xuất sắc")
    officer.locator("#person_person").select_option(index=1)
    officer.locator("#person_award_code").select_option("LDTT")
    officer.get_by_role("button", name=vi("Add the person's target")).click()
    expect(officer.get_by_test_id("people-titles")).to_contain_text(w.cq_person.full_name)
    officer.get_by_role("button", name=vi("Send for approval")).click()
    expect(officer.get_by_test_id("registration-status")).to_contain_text(
        vi("Awaiting the unit head's approval")
    )

    # 3. Each of the five members signs the pledge for its own unit.
    for unit, user in w.officers.items():
        signer = officer if user == w.officer else as_user(user.username)
        signer.goto(f"{base}/pledges/{w.pledge.pk}/")
        signer.get_by_role("link", name=vi("Sign"), exact=True).click()
        signer.locator("#id_signer_name").fill(f"Thủ trưởng {unit.name}")
        signer.locator("#id_signer_position").fill("Trưởng ban")
        signer.get_by_role("button", name=vi("Record the signature")).click()
    officer.goto(f"{base}/pledges/{w.pledge.pk}/")
    expect(officer.get_by_test_id("pledge-status")).to_contain_text(
        vi(Pledge.Status.IN_FORCE.label)
    )
    expect(officer.get_by_test_id("signatures")).to_contain_text("Cục Tổ chức số 5")

    # 4. The unit reports its first quarter with evidence and submits it.
    officer.goto(f"{base}/clusters/{w.cluster6.pk}/{w.year}/reports/")
    officer.get_by_role("link", name=vi("Enter the report")).first.click()
    officer.locator("#id_numerator").fill("1054")
    officer.locator("#id_denominator").fill("1054")
    officer.get_by_role("button", name=vi("Save as a draft")).click()
    evidence = officer.get_by_test_id("evidence-form")
    evidence.locator("input[type=file]").set_input_files(
        {"name": "so-dang-ky-van-ban.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    evidence.get_by_role("button", name=vi("Attach the file")).click()
    expect(officer.get_by_test_id("evidence-list")).to_contain_text("so-dang-ky-van-ban.pdf")
    officer.get_by_role("button", name=vi("Submit to the cluster leader")).click()
    report = IndicatorReport.objects.get(unit=w.cq, indicator=w.indicator)
    assert report.status == IndicatorReport.Status.SUBMITTED

    # 5. The leader returns it: every document cannot have been advised by the board.
    leader = as_user("leader_officer")
    leader.goto(f"{base}/reports/{report.pk}/")
    returning = leader.get_by_test_id("return-form")
    returning.locator("textarea, input[type=text]").first.fill(
        "Tổng số văn bản đi chưa khớp sổ đăng ký; đề nghị rà soát."
    )
    returning.get_by_role("button", name=vi("Return for correction")).click()
    expect(leader.get_by_test_id("events")).to_contain_text("rà soát")

    # 6. The unit reads the reason, corrects the denominator and submits again.
    officer.goto(f"{base}/reports/{report.pk}/")
    expect(officer.get_by_test_id("return-reason")).to_contain_text("chưa khớp sổ đăng ký")
    officer.locator("#id_denominator").fill("1709")
    officer.get_by_role("button", name=vi("Submit to the cluster leader")).click()
    expect(officer.get_by_test_id("figures")).to_contain_text("1.054/1.709 = 61,67")

    # 7. The leader accepts it and the cluster's progress shows 1,054/1,709 = 61.67 %.
    leader.goto(f"{base}/reports/{report.pk}/")
    leader.get_by_role("button", name=vi("Accept")).click()
    leader.goto(f"{base}/clusters/{w.cluster6.pk}/{w.year}/progress/")
    expect(leader.get_by_test_id("heat-map")).to_contain_text("61,67")
    expect(leader.get_by_test_id("indicator-chart").first).to_be_visible()
    report.refresh_from_db()
    assert (report.numerator, report.denominator, report.status) == (
        1054,
        1709,
        IndicatorReport.Status.ACCEPTED,
    )
