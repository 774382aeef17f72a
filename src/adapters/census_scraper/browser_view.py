"""Gathering a ``PageView`` from the rendered page: the browser's only part in judging it.

One script reads, in one round trip, the title, the text that is really on screen (laid
out, not hidden by CSS, not transparent, not off the page), whether a CAPTCHA widget
shows, the marks of F5's JavaScript challenge, the form, and our browser's automation
signals. Deciding what that means is ``verdict``'s job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from adapters.census_scraper import portal
from adapters.census_scraper.page_view import TEXT_LIMIT, PageView
from adapters.census_scraper.verdict import looks_automated

if TYPE_CHECKING:
    from playwright.sync_api import Page

# How often a wait for the page to change looks again.
POLL_MS = 25

_LOOK = """
(args) => {
  const seen = new Map();
  const shows = (element) => {
    if (seen.has(element)) return seen.get(element);
    const box = element.getBoundingClientRect();
    const result = element.checkVisibility({opacityProperty: true, visibilityProperty: true})
      && box.width >= 1 && box.height >= 1 && box.right > 0 && box.bottom > 0;
    seen.set(element, result);
    return result;
  };
  const body = document.body;
  const text = [];
  let length = 0;
  if (body) {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node && length < args.limit; node = walker.nextNode()) {
      const words = node.data.trim();
      const parent = node.parentElement;
      if (!words || !parent || parent.closest("script, style, template, noscript")) continue;
      if (!shows(parent)) continue;
      text.push(words);
      length += words.length + 1;
    }
  }
  const captcha = Array.from(document.querySelectorAll(args.captcha))
    .some((widget) => !widget.closest(args.badge) && shows(widget));
  const challenge = !!document.querySelector(`script[src*="${args.challengePath}"]`)
    || typeof window[args.challengeGlobal] !== "undefined";
  const inputs = Array.from(document.querySelectorAll("input, select"));
  return {
    title: document.title || "",
    text: text.join(" ").replace(/\\s+/g, " ").slice(0, args.limit),
    captcha,
    challenge,
    form: !!document.querySelector(args.form),
    otherForm: !!document.querySelector("form") || inputs.some(shows),
    webdriver: navigator.webdriver === true,
    userAgent: navigator.userAgent,
  };
}
"""

# Resolves with a fresh look once the page differs from ``args.before``, or the form is there.
_CHANGED = f"""
(args) => {{
  const look = {_LOOK};
  const now = look(args);
  const key = [now.title, now.text, now.captcha, now.challenge, now.form, now.otherForm].join("|");
  return (now.form || key !== args.before) ? now : false;
}}
"""

_ARGS: dict[str, Any] = {
    "limit": TEXT_LIMIT,
    "captcha": portal.CAPTCHA_WIDGETS,
    "badge": portal.CAPTCHA_BADGE,
    "challengePath": portal.CHALLENGE_SCRIPT_PATH,
    "challengeGlobal": portal.CHALLENGE_GLOBAL,
    "form": portal.DOCUMENT_FIELD,
}


def look(page: Page) -> PageView:
    """What ``page`` shows now."""
    return _view(page.evaluate(_LOOK, _ARGS))


def look_when_changed(page: Page, before: PageView, timeout_ms: float) -> PageView:
    """What ``page`` shows once it differs from ``before`` (or shows the form); raises the
    engine's timeout error when nothing changed in ``timeout_ms``."""
    handle = page.wait_for_function(
        _CHANGED, arg={**_ARGS, "before": _key(before)}, polling=POLL_MS, timeout=timeout_ms
    )
    try:
        return _view(handle.json_value())
    finally:
        handle.dispose()


def _key(view: PageView) -> str:
    flags = (view.captcha, view.challenge, view.form, view.other_form)
    # The same string the page script builds (JS prints booleans in lower case).
    return "|".join([view.title, view.text, *(str(flag).lower() for flag in flags)])


def _view(raw: dict[str, Any]) -> PageView:
    return PageView(
        title=str(raw["title"]),
        text=str(raw["text"]),
        captcha=bool(raw["captcha"]),
        challenge=bool(raw["challenge"]),
        form=bool(raw["form"]),
        other_form=bool(raw["otherForm"]),
        automated=looks_automated(raw["webdriver"], str(raw["userAgent"])),
    )
