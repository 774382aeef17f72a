"""The touch and focus measure itself (tests/support/touch.py), on a page made for it: what
it lets pass and what it catches, so a clean page means something."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from support.touch import touch_and_focus_failures

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE = """
<style>
  body { margin: 0; background: #fff; font: 16px/1.5 sans-serif; }
  .tall { display: inline-block; min-height: 44px; }
  :focus-visible { outline: 3px solid #ffdd00; box-shadow: 0 0 0 6px #0b0c0c; }
  .faint:focus-visible { outline: 2px solid #dee2e6; box-shadow: none; }
  .box { width: 24px; height: 24px; margin: 10px 0; }
  .target { display: inline-block; padding: 10px 0; line-height: 24px; }
</style>
<p>Lee la <a href="#politica">política de datos</a> antes de seguir.</p>
<p><a href="#sola">Un enlace solo en su párrafo</a></p>
<ul><li><a href="#lista">Todo el punto de la lista</a></li></ul>
<button class="tall">Alto</button>
<button>Bajo</button>
<a class="tall faint" href="#tenue">Foco tenue</a>
<input class="box" type="checkbox" id="acepto"><label class="target" for="acepto">Acepto</label>
<input type="checkbox" id="pequeno"><label for="pequeno">Pequeño</label>
<button hidden>Escondido</button>
"""


def test_the_measure_passes_links_in_sentences_and_catches_small_or_faint_controls(
    browser_page: Page,
):
    browser_page.set_viewport_size({"width": 360, "height": 740})
    browser_page.set_content(PAGE)

    measured, failures = touch_and_focus_failures(browser_page)

    report = "\n".join(failures)
    assert measured == 8, report
    assert "política de datos" not in report
    assert "Alto" not in report
    assert "Acepto" not in report
    assert "Escondido" not in report
    assert 'a "Un enlace solo en su párrafo" is ' in report
    assert 'a "Todo el punto de la lista" is ' in report
    assert 'button "Bajo" is' in report
    assert 'a "Foco tenue": focus ring rgba(222, 226, 230, 1) on rgb(255, 255, 255)' in report
    assert 'input#pequeno[type=checkbox] "on" is 13×13 px' in report
    assert 'input#pequeno[type=checkbox] "on": no label 44 px tall to tap' in report
    assert len(failures) == 6, report
