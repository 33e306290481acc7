"""An officer checks who is due for awards and reads why a colleague is not, in Vietnamese."""

import datetime as dt

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from thidua.awards import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_runs_a_check_and_reads_the_reasons(world, live_server, page: Page, log_in):
    last_year = dt.date.today().year - 1 if dt.date.today().month < 12 else dt.date.today().year
    for year in range(last_year - 2, last_year + 1):
        services.rating_set(person=world.cq_person, year=year, rating="HTXS", by=None)
    base = live_server.url
    log_in(page, "officer")

    page.goto(f"{base}/units/{world.cq.pk}/")
    page.get_by_role("link", name="Người đủ điều kiện khen thưởng").click()
    page.get_by_role("button", name="Rà soát tất cả").click()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    page.get_by_test_id("job-results").click()

    page.locator("#award-select").select_option("CSTDCS")
    page.get_by_role("button", name="Xem").click()
    table = page.get_by_test_id("due-table")
    expect(table.get_by_text(world.cq_person.full_name)).to_be_visible()
    expect(table.get_by_text("Đủ điều kiện")).to_be_visible()

    table.get_by_role("link", name=world.cq_person.full_name).click()
    panel = page.get_by_test_id("verdict-panel")
    expect(panel.get_by_text("Chiến sĩ thi đua Bộ, ban, ngành, tỉnh", exact=True)).to_be_visible()
    expect(panel.get_by_text("Luật 06/2022/QH15, Điều 22, khoản 1").first).to_be_attached()
