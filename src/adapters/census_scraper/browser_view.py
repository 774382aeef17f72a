"""Gathering a ``PageView`` from the rendered page: the browser's only part in judging it.

One script reads, in one round trip, the title, the text that is really on screen (laid
out, not hidden by CSS, not transparent, not off the page), whether a CAPTCHA widget
shows, the marks of F5's JavaScript challenge, which known portal's form is there, and our
browser's automation signals. Deciding what that means is ``verdict``'s job.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from adapters.census_scraper import blockers
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
  const portal = Object.keys(args.fields).find((name) => document.querySelector(args.fields[name]));
  return {
    title: document.title || "",
    text: text.join(" ").replace(/\\s+/g, " ").slice(0, args.limit),
    captcha,
    challenge,
    portal: portal || "",
    captchaContainer: !!document.querySelector(args.captchaContainers),
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
  const key = [now.title, now.text, now.captcha, now.challenge, now.portal, now.otherForm]
    .join("|");
  return (now.portal || key !== args.before) ? now : false;
}}
"""

_ARGS: dict[str, Any] = {
    "limit": TEXT_LIMIT,
    "captcha": blockers.CAPTCHA_WIDGETS,
    "captchaContainers": blockers.CAPTCHA_CONTAINERS,
    "badge": blockers.CAPTCHA_BADGE,
    "challengePath": blockers.CHALLENGE_SCRIPT_PATH,
    "challengeGlobal": blockers.CHALLENGE_GLOBAL,
}


def look(page: Page, fields: Mapping[str, str]) -> PageView:
    """What ``page`` shows now; ``fields``: the document field of each portal it may be."""
    return _view(page.evaluate(_LOOK, {**_ARGS, "fields": dict(fields)}))


def look_when_changed(
    page: Page, before: PageView, fields: Mapping[str, str], timeout_ms: float
) -> PageView:
    """What ``page`` shows once it differs from ``before`` (or shows a portal's form);
    raises the engine's timeout error when nothing changed in ``timeout_ms``."""
    arg = {**_ARGS, "fields": dict(fields), "before": _key(before)}
    handle = page.wait_for_function(_CHANGED, arg=arg, polling=POLL_MS, timeout=timeout_ms)
    try:
        return _view(handle.json_value())
    finally:
        handle.dispose()


def _key(view: PageView) -> str:
    # The same string the page script builds (JS prints booleans in lower case).
    parts = (view.title, view.text, view.captcha, view.challenge, view.portal, view.other_form)
    return "|".join(str(part).lower() if isinstance(part, bool) else part for part in parts)


def _view(raw: dict[str, Any]) -> PageView:
    return PageView(
        title=str(raw["title"]),
        text=str(raw["text"]),
        captcha=bool(raw["captcha"]),
        challenge=bool(raw["challenge"]),
        form=bool(raw["portal"]),
        portal=str(raw["portal"]),
        captcha_container=bool(raw["captchaContainer"]),
        other_form=bool(raw["otherForm"]),
        automated=looks_automated(raw["webdriver"], str(raw["userAgent"])),
    )
