"""Recognising blocks in page HTML: no browser."""

from __future__ import annotations

from adapters.census_scraper.signals import block_in_html, looks_automated, support_id_in
from cedula_domain.outcomes import BlockKind
from census_sim import pages


def test_the_f5_rejection_page_is_a_firewall_block_with_its_support_id():
    signal = block_in_html(pages.rejection_page("18263720098711220004"))

    assert signal is not None
    assert signal.kind is BlockKind.FIREWALL
    assert signal.support_id == "18263720098711220004"


def test_a_customised_rejection_page_is_recognised_by_its_phrases():
    html = "<h1>Acceso</h1><p>The requested URL was rejected. Your support ID is 9988776655</p>"

    signal = block_in_html(html)

    assert signal is not None
    assert signal.kind is BlockKind.FIREWALL
    assert signal.support_id == "9988776655"


def test_a_tspd_challenge_page_is_a_javascript_challenge():
    signal = block_in_html(pages.challenge_page("123456789"))

    assert signal is not None
    assert signal.kind is BlockKind.JS_CHALLENGE


def test_the_portal_itself_is_no_block():
    html = pages.portal_page(
        bot_check=True, captcha=False, changed=False, html_answer=False, spinner_ms=0
    )

    assert block_in_html(html) is None


def test_f5_cookies_alone_are_no_block():
    assert block_in_html("<html><body>Set-Cookie: TS01a2b3c4d=01f2e3</body></html>") is None


def test_a_page_without_support_id_gives_an_empty_one():
    assert support_id_in("Request Rejected") == ""


def test_webdriver_or_a_headless_user_agent_looks_automated():
    chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0.0.0 Safari/537.36"

    assert looks_automated(True, chrome)
    assert looks_automated(False, chrome.replace("Chrome/", "HeadlessChrome/"))
    assert not looks_automated(False, chrome)
