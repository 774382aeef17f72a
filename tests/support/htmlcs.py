"""HTML_CodeSniffer in the browser tests, the second engine beside axe-core: the WCAG 2 AA
standard run in the page as it stands, its errors (not its warnings or notices, which ask a
person to judge) each with the element's selector and the start of its markup.

An element nobody is shown (``display: none``, so outside the accessibility tree as well) is
not judged: HTML_CodeSniffer, unlike axe, checks it anyway, and the accessible autocomplete
hides the select it replaces, once it has moved the select's label to its own input.

Like axe, the engine goes in through ``page.evaluate`` (the DevTools protocol, which the
page's Content-Security-Policy does not govern), so the page is checked under its real policy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

HTMLCS_SOURCE = (Path(__file__).parent / "vendor" / "html_codesniffer" / "HTMLCS.js").read_text()
STANDARD = "WCAG2AA"
# Sniff codes HTML_CodeSniffer gets wrong on these pages, each with why; none yet.
FALSE_POSITIVES: frozenset[str] = frozenset()

_RUN = """
([standard, ignored]) => new Promise((resolve, reject) => {
  const selector = (element) => {
    const steps = [];
    for (let node = element; node && node.nodeType === 1; node = node.parentElement) {
      if (node.id) { steps.unshift(`#${CSS.escape(node.id)}`); break; }
      const classes = [...node.classList].slice(0, 2).map((name) => `.${CSS.escape(name)}`);
      const same = node.parentElement
        ? [...node.parentElement.children].filter((other) => other.tagName === node.tagName)
        : [];
      const nth = same.length > 1 ? `:nth-of-type(${same.indexOf(node) + 1})` : "";
      steps.unshift(node.tagName.toLowerCase() + classes.join("") + nth);
    }
    return steps.join(" > ");
  };
  HTMLCS.process(standard, document, () => {
    resolve(HTMLCS.getMessages()
      .filter((message) => message.type === HTMLCS.ERROR && !ignored.includes(message.code))
      .filter((message) => !document.body.contains(message.element)
        || message.element.nodeType !== 1 || message.element.checkVisibility())
      .map((message) => ({
        code: message.code,
        message: message.msg,
        selector: message.element && message.element.nodeType === 1
          ? selector(message.element) : "document",
        markup: message.element && message.element.outerHTML
          ? message.element.outerHTML.replace(/\\s+/g, " ").slice(0, 160) : "",
      })));
  }, () => reject(new Error("HTML_CodeSniffer could not run")), "en");
})
"""


def htmlcs_errors(page: Page) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.HTMLCS === 'object'"):
        page.evaluate(HTMLCS_SOURCE)
    return page.evaluate(_RUN, [STANDARD, sorted(FALSE_POSITIVES)])


def describe(errors: list[dict[str, Any]], where: str) -> str:
    lines = [f"HTML_CodeSniffer: {len(errors)} {STANDARD} error(s) on {where}"]
    for found in errors:
        lines.append(f"- {found['code']}: {found['message']}")
        lines.append(f"    {found['selector']}: {found['markup']}")
    return "\n".join(lines)
