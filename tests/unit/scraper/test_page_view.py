"""What a person would see of a document nobody rendered: no browser."""

from __future__ import annotations

import pytest

from adapters.census_scraper.page_view import PageView
from adapters.census_scraper.portals import known_portals
from census_sim import pages


def test_the_title_and_the_body_text_are_what_shows():
    view = PageView.from_html(pages.rejection_page("18263720098711220004"))

    assert view.title == "Request Rejected"
    assert view.text.startswith("The requested URL was rejected.")
    assert "18263720098711220004" in view.text


@pytest.mark.parametrize(
    "hidden",
    [
        "<script>var page = '<title>Request Rejected</title>';</script>",
        "<style>/* Request Rejected */</style>",
        "<template><p>Request Rejected</p></template>",
        "<noscript>Request Rejected</noscript>",
        "<div hidden><p>Request Rejected</p></div>",
        "<div style='display: none'>Request <b>Rejected</b></div>",
        "<div style='color: red; visibility:hidden'>Request Rejected</div>",
        "<div style='opacity: 0'>Request Rejected</div>",
    ],
)
def test_text_that_no_one_sees_is_left_out(hidden: str):
    view = PageView.from_html(f"<html><body><p>Consulta</p>{hidden}<p>Lista</p></body></html>")

    assert view.text == "Consulta Lista"


def test_text_after_a_hidden_element_shows_again_even_when_tags_are_left_open():
    view = PageView.from_html("<body><div hidden><p>oculto</div><p>visible<br>y más</p></body>")

    assert view.text == "visible y más"


def test_a_half_transparent_element_still_shows():
    view = PageView.from_html("<body><div style='opacity: 0.5'>visible</div></body>")

    assert view.text == "visible"


def test_challenge_scripts_are_a_structural_mark_but_their_names_in_strings_are_not():
    assert PageView.from_html(pages.challenge_page("1")).challenge
    assert not PageView.from_html("<script>const s = '/TSPD/ bobcmn';</script>").challenge


def test_each_portals_form_is_told_from_the_others_and_from_unknown_forms():
    fields = known_portals().fields()

    assert PageView.from_html("<form><input id='documento'></form>", fields).portal == (
        "consultacenso"
    )
    assert PageView.from_html("<form id='form'><input id='nuip'></form>", fields).portal == "wsp"
    other = PageView.from_html("<form><input id='numeroDocumento'/></form>", fields)
    assert (other.form, other.other_form) == (False, True)


def test_a_captcha_container_is_noted_even_before_anything_draws_in_it():
    empty = "<form><input id='document'><div id='captcha' data-sitekey='6Lc'></div></form>"

    view = PageView.from_html(empty, known_portals().fields())

    assert (view.captcha_container, view.captcha) == (True, False)


def test_a_document_read_without_a_browser_shows_no_captcha_and_no_automation():
    view = PageView.from_html("<div class='g-recaptcha' data-sitekey='x'></div>")

    assert (view.captcha, view.automated) == (False, False)


def test_title_and_text_read_together_as_words():
    assert PageView(title="Aviso", text="Cuerpo").words == "Aviso Cuerpo"
