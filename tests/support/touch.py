"""Touch targets and focus rings, measured in the page as it stands, in one ``page.evaluate``.

Every visible interactive control (``a[href]``, ``button``, ``input``, ``select``,
``textarea``, ``summary``, and anything in the tab order by ``tabindex``) must be at least
44 px tall (WCAG 2.5.5's size, which GOV.UK and Apple ask for too), with one exception, WCAG's
own: an *inline text link*, that is a link laid out inline (``display: inline``) whose nearest
ancestor not laid out inline is a sentence, a list item or a label (``p``, ``li``, ``dd``,
``td``, ``label``) that has words of its own outside every link in it; its height is the
line's. A checkbox or a radio must be 24 px or more, and its label (what a finger actually
taps) 44 px tall.

Each control is focused in turn (``element.focus()`` after a key press, so the browser treats
the focus as a keyboard's and ``:focus-visible`` matches): it must show an outline or a
shadow around it whose best colour reaches 3:1 (WCAG 1.4.11) against the background the ring
sits on, the first opaque background among its ancestors. A menu that a phone folds
(Bootstrap's ``.navbar-collapse``) is unfolded for the measure, as its toggler would.
Focus and scroll are put back as they were.
"""

from __future__ import annotations

from playwright.sync_api import Page

MIN_TARGET_PX = 44
MIN_CHECKBOX_PX = 24
MIN_FOCUS_CONTRAST = 3.0

_MEASURE = """
([minTarget, minBox, minContrast]) => {
  const CONTROLS = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"])';
  const SENTENCES = new Set(["P", "LI", "DD", "TD", "LABEL"]);

  const rgba = (value) => {
    const parts = (value.match(/rgba?\\(([^)]*)\\)/) || [null, ""])[1]
      .split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return parts.length < 3 ? null : { r: parts[0], g: parts[1], b: parts[2], a: parts[3] ?? 1 };
  };
  const over = (top, below) => ({
    r: top.r * top.a + below.r * (1 - top.a),
    g: top.g * top.a + below.g * (1 - top.a),
    b: top.b * top.a + below.b * (1 - top.a),
    a: 1,
  });
  const luminance = ({ r, g, b }) => {
    const linear = (channel) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const contrast = (one, other) => {
    const [light, dark] = [luminance(one), luminance(other)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  // The colour behind an element's outer edge: its ancestors' backgrounds, layered.
  const backgroundBehind = (element) => {
    const layers = [];
    for (let node = element.parentElement; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0) {
        layers.push(colour);
        if (colour.a >= 1) break;
      }
    }
    return layers.reduceRight((below, top) => over(top, below), { r: 255, g: 255, b: 255, a: 1 });
  };
  const ringColours = (style) => {
    const colours = [];
    if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) {
      colours.push(rgba(style.outlineColor));
    }
    if (style.boxShadow !== "none") {
      // Outer shadows only: an inset one is drawn over the control, not around it.
      for (const shadow of style.boxShadow.split(/,(?![^(]*\\))/)) {
        if (!shadow.includes("inset")) colours.push(rgba(shadow));
      }
    }
    return colours.filter((colour) => colour && colour.a > 0);
  };
  const isInlineTextLink = (element) => {
    if (element.tagName !== "A" || getComputedStyle(element).display !== "inline") return false;
    let block = element.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) {
      block = block.parentElement;
    }
    if (!block || !SENTENCES.has(block.tagName)) return false;
    const words = block.cloneNode(true);
    words.querySelectorAll("a").forEach((link) => link.remove());
    return /\\p{L}/u.test(words.textContent);
  };
  const describe = (element) => {
    const name = (element.getAttribute("aria-label") || element.textContent || element.value
      || element.name || "").replace(/\\s+/g, " ").trim().slice(0, 40);
    const id = element.id ? `#${element.id}` : "";
    const type = element.type && element.tagName === "INPUT" ? `[type=${element.type}]` : "";
    return `${element.tagName.toLowerCase()}${id}${type} "${name}"`;
  };

  const failures = [];
  const focused = document.activeElement;
  const [scrollX, scrollY] = [window.scrollX, window.scrollY];
  const folded = [...document.querySelectorAll(".navbar-collapse:not(.show)")];
  folded.forEach((menu) => menu.classList.add("show"));
  let measured = 0;
  try {
    for (const element of document.querySelectorAll(CONTROLS)) {
      if (element.disabled) continue;
      element.focus({ preventScroll: true });
      // Bootstrap eases the focus in (a transition): measured where it ends.
      element.getAnimations().forEach((animation) => animation.finish());
      // Measured focused: a skip link only takes its size when it has the focus.
      const box = element.getBoundingClientRect();
      if (!element.checkVisibility({ visibilityProperty: true }) || !box.width || !box.height) {
        continue;
      }
      measured += 1;
      const what = describe(element);
      if (element.type === "checkbox" || element.type === "radio") {
        if (box.height < minBox || box.width < minBox) {
          failures.push(`${what} is ${box.width}×${box.height} px (${minBox} px wanted)`);
        }
        const labels = [...(element.labels || [])].map((label) => label.getBoundingClientRect());
        if (!labels.some((label) => label.height >= minTarget)) {
          failures.push(`${what}: no label ${minTarget} px tall to tap`);
        }
      } else if (box.height < minTarget && !isInlineTextLink(element)) {
        const height = Math.round(box.height * 10) / 10;
        failures.push(`${what} is ${height} px tall (${minTarget} px wanted)`);
      }
      if (document.activeElement !== element) {
        failures.push(`${what} does not take the focus`);
        continue;
      }
      if (!element.matches(":focus-visible")) {
        failures.push(`${what}: its focus is not :focus-visible`);
        continue;
      }
      const background = backgroundBehind(element);
      const rings = ringColours(getComputedStyle(element));
      const best = Math.max(
        0, ...rings.map((colour) => contrast(over(colour, background), background)));
      if (best < minContrast) {
        const shown = rings.map(({ r, g, b, a }) => `rgba(${r}, ${g}, ${b}, ${a})`).join(" and ");
        const behind = `rgb(${background.r}, ${background.g}, ${background.b})`;
        failures.push(`${what}: focus ring ${shown || "none"} on ${behind} at `
          + `${best.toFixed(2)}:1 (${minContrast}:1 wanted)`);
      }
    }
  } finally {
    folded.forEach((menu) => menu.classList.remove("show"));
    if (focused && focused !== document.body) focused.focus({ preventScroll: true });
    else if (document.activeElement) document.activeElement.blur();
    window.scrollTo(scrollX, scrollY);
  }
  return { measured, failures };
}
"""


def touch_and_focus_failures(page: Page) -> tuple[int, list[str]]:
    """How many controls were measured on ``page``, and each one too small to tap or whose
    focus ring is too faint, in words."""
    # A key press that moves nothing, so that the focus the measure gives is a keyboard's.
    page.keyboard.press("Shift")
    result = page.evaluate(_MEASURE, [MIN_TARGET_PX, MIN_CHECKBOX_PX, MIN_FOCUS_CONTRAST])
    return result["measured"], result["failures"]


def describe(failures: list[str], measured: int, where: str) -> str:
    lines = [f"Touch and focus: {len(failures)} finding(s) among {measured} controls on {where}"]
    return "\n".join(lines + [f"- {failure}" for failure in failures])
