"""A unit officer's first session, in Debian's Chromium with an English browser locale."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_a_unit_officer_sees_their_unit_is_refused_a_foreign_person_and_switches_language(
    world, live_server, page: Page, log_in
):
    base = live_server.url
    log_in(page, "officer")
    expect(page.locator("html")).to_have_attribute("lang", "vi")  # despite an en-US browser

    page.goto(f"{base}/units/{world.cq.pk}/")
    expect(page.get_by_role("heading", name=world.cq.name)).to_be_visible()
    expect(page.get_by_text(world.cq_person.full_name)).to_be_visible()

    foreign = page.goto(f"{base}/people/{world.dn_person.pk}/")
    assert foreign is not None and foreign.status == 404
    expect(page.get_by_text(world.dn_person.full_name)).to_have_count(0)

    page.goto(f"{base}/units/{world.cq.pk}/")
    page.get_by_test_id("language-en").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Dashboard")).to_be_visible()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "unit-officer-en.png"), full_page=True)
