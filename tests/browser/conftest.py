"""Playwright on Debian's Chromium (/usr/bin/chromium); never a downloaded browser.

Without Chromium the browser tests are skipped with the install command, except under CI=true,
where a missing browser fails the run.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API + live_server

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM):
        message = "Chromium is missing: `sudo apt-get install chromium` runs the browser tests"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # An English browser: the app must stay Vietnamese until the user switches.
    return {**browser_context_args, "locale": "en-US", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def log_in(live_server):
    """Sign a demo-password user in through the login form (no second factor needed)."""

    def sign_in(page, username: str) -> None:
        page.goto(f"{live_server.url}/account/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill("Thidua@2026")
        page.locator("#main form button[type=submit]").click()
        page.wait_for_url(f"{live_server.url}/")

    return sign_in


@pytest.fixture
def as_user(browser, browser_context_args, log_in):
    """A fresh browser session signed in as `username` (one per person in a story)."""

    def open_as(username: str):
        page = browser.new_context(**browser_context_args).new_page()
        log_in(page, username)
        return page

    return open_as
