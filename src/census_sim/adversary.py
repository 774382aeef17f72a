"""What the adversarial modes add to the portal, written from the site facts alone.

Two families (see ``shared/census-site.md``):

- pages that carry the words of a block without being blocked: rejection text and
  challenge markers inside scripts, hidden elements, ``noscript`` notices, a CAPTCHA
  library that is loaded but never shown. A person sees the plain portal; so should a client.
- blocks that only show once the client acts: a CAPTCHA that pops up on submit, a visible
  Turnstile, the whole document replaced by the F5 rejection page on submit or while the
  form is being filled, and refusals by HTTP status.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from census_sim import bundles, widgets
from census_sim.modes import Mode
from census_sim.pages import (
    NO_EXTRAS,
    RECAPTCHA_SITEKEY,
    REJECTION_TITLE,
    SUPPORT_ID_PLACEHOLDER,
    PortalExtras,
    inline_script,
    new_support_id,
    rejection_page,
    rejection_text,
)

# The F5 cookie: TS + 8 hex digits. It means F5 is in front, not that anything is blocked.
F5_COOKIE = "TS01c3e5a7"


# --- pages that only look blocked ---------------------------------------------------------


def _spa_strings(delay_s: float) -> PortalExtras:
    comment = (
        "<!-- consultacenso "
        + bundles.APP_VERSION
        + ": plantillas de error incluidas en el paquete (Request Rejected, "
        "Please enable JavaScript to view the page content, g-recaptcha, cf-turnstile) -->"
    )
    state = bundles.app_state_json().replace("</", "<\\/")
    return PortalExtras(
        head=comment
        + inline_script(bundles.INLINE_BUNDLE)
        + f"<script defer src='{bundles.BUNDLE_PATH}'></script>"
        + f"<script id='__APP_STATE__' type='application/json'>{state}</script>"
    )


def _rejection_block(tag: str = "div", attributes: str = "") -> str:
    """The rejection page's heading and text in an element a person does not see."""
    return (
        f"<{tag} class='f5-rechazo'{attributes}><h1>{REJECTION_TITLE}</h1>"
        f"<p>{rejection_text(new_support_id())}</p></{tag}>"
    )


def _hidden_rejection(delay_s: float) -> PortalExtras:
    hidden_elements = "".join(
        (
            _rejection_block(attributes=" style='display:none'"),
            _rejection_block(attributes=" style='visibility:hidden'"),
            _rejection_block(attributes=" style='opacity:0'"),
            _rejection_block(attributes=" style='width:0;height:0;overflow:hidden'"),
            # The classic "visually hidden" pattern: one pixel, far off-screen.
            _rejection_block(
                attributes=" style='position:absolute;left:-10000px;top:auto;"
                "width:1px;height:1px;overflow:hidden'"
            ),
            _rejection_block("dialog"),  # a dialog that was never opened
            f"<template id='plantilla-rechazo'>{rejection_page(new_support_id())}</template>",
        )
    )
    # The app keeps its "blocked" state in the DOM, switched off by the hidden attribute.
    in_app = _rejection_block("section", " hidden role='alert'")
    return PortalExtras(after_app=hidden_elements, in_app=in_app)


def _noscript_notice(delay_s: float) -> PortalExtras:
    notices = (
        "<noscript><div class='aviso-js'>Please enable JavaScript to view the page content."
        f"<br/>Your support ID is: {new_support_id()}.</div></noscript>"
        f"<noscript><h1>{REJECTION_TITLE}</h1>{rejection_text(new_support_id())}</noscript>"
        "<noscript><p>Para consultar su lugar de votación habilite JavaScript en su "
        "navegador.</p></noscript>"
    )
    return PortalExtras(before_app=notices)


# --- CAPTCHA libraries ----------------------------------------------------------------------

_INVISIBLE_RECAPTCHA_STYLE = (
    "<style>.grecaptcha-badge { visibility: hidden; }"
    ".g-recaptcha[data-size=invisible] { width: auto; height: auto; border: 0; padding: 0;"
    " margin: 0; background: none; display: block; }"
    ".legal { margin-top: 1rem; font-size: .75rem; color: #556; }</style>"
)
# Sites that hide the badge must say so in words; the word reCAPTCHA is on screen.
_RECAPTCHA_LEGAL = (
    "<p class='legal'>Este sitio está protegido por reCAPTCHA y se aplican la "
    "<a href='#'>Política de privacidad</a> y las <a href='#'>Condiciones del servicio</a> "
    "de Google.</p>"
)


def _invisible_recaptcha(delay_s: float) -> PortalExtras:
    loader = f"{widgets.RECAPTCHA_API_PATH}?onload=__onCaptchaLoad&amp;render=explicit&amp;hl=es"
    container = (
        f"<div class='g-recaptcha' data-sitekey='{RECAPTCHA_SITEKEY}' data-size='invisible'"
        " data-badge='bottomright'></div>"
    )
    return PortalExtras(
        head=_INVISIBLE_RECAPTCHA_STYLE,
        after_app=f"<script src='{loader}' async defer></script>",
        in_app=_RECAPTCHA_LEGAL,
        settings={
            "captcha": "invisible",
            "captchaLibrary": "grecaptcha",
            "captchaHtml": container,
            "captchaSitekey": RECAPTCHA_SITEKEY,
        },
    )


def _turnstile(delay_s: float) -> PortalExtras:
    loader = f"{widgets.TURNSTILE_API_PATH}?onload=__onCaptchaLoad&amp;render=explicit"
    container = (
        f"<div class='cf-turnstile' data-sitekey='{widgets.TURNSTILE_SITEKEY}'"
        " data-language='es'></div>"
    )
    return PortalExtras(
        head="<style>.cf-turnstile { margin-top: 1rem; min-height: 65px; }</style>",
        after_app=f"<script src='{loader}' async defer></script>",
        settings={
            "captcha": "widget",
            "captchaLibrary": "turnstile",
            "captchaHtml": container,
            "captchaSitekey": widgets.TURNSTILE_SITEKEY,
        },
    )


# --- the document replaced by the rejection page -------------------------------------------


def _rejection_settings(after_ms: int | None) -> dict[str, object]:
    return {
        "rejection": {
            "html": rejection_page(SUPPORT_ID_PLACEHOLDER),
            "placeholder": SUPPORT_ID_PLACEHOLDER,
            "onSubmit": True,
            "afterMs": after_ms,
        }
    }


def _rejected_after_form(delay_s: float) -> PortalExtras:
    return PortalExtras(settings=_rejection_settings(None))


def _rejected_during_fill(delay_s: float) -> PortalExtras:
    return PortalExtras(settings=_rejection_settings(round(delay_s * 1000)))


_EXTRAS: dict[Mode, Callable[[float], PortalExtras]] = {
    Mode.SPA_STRINGS: _spa_strings,
    Mode.HIDDEN_REJECTION: _hidden_rejection,
    Mode.NOSCRIPT_NOTICE: _noscript_notice,
    Mode.CAPTCHA_LOADED: _invisible_recaptcha,
    Mode.CAPTCHA_AFTER_SUBMIT: _invisible_recaptcha,
    Mode.TURNSTILE: _turnstile,
    Mode.REJECTED_AFTER_FORM: _rejected_after_form,
    Mode.REJECTED_DURING_FILL: _rejected_during_fill,
}


def portal_extras(mode: Mode, delay_s: float) -> PortalExtras:
    """What ``mode`` adds to the app shell (nothing for the other modes)."""
    build = _EXTRAS.get(mode)
    return NO_EXTRAS if build is None else build(delay_s)


def portal_headers(mode: Mode) -> dict[str, str]:
    """Extra response headers of the app shell."""
    if mode is Mode.NOSCRIPT_NOTICE:
        value = f"01{random.getrandbits(240):060x}"
        return {"Set-Cookie": f"{F5_COOKIE}={value}; Path=/"}
    return {}


def static_resource(path: str, mode: Mode, query: str = "") -> tuple[str, str] | None:
    """A script or frame the adversarial pages (and the portals' CAPTCHAs) load, or None
    for an unknown path."""
    if path == bundles.BUNDLE_PATH:
        return "application/javascript", bundles.EXTERNAL_BUNDLE
    if path == widgets.RECAPTCHA_API_PATH:
        challenge = mode is Mode.CAPTCHA_AFTER_SUBMIT
        return "application/javascript", widgets.recaptcha_api_script(challenge=challenge)
    if path == widgets.RECAPTCHA_ANCHOR_PATH:
        return "text/html", widgets.recaptcha_anchor_page(checkbox="size=normal" in query)
    if path == widgets.RECAPTCHA_BFRAME_PATH:
        return "text/html", widgets.recaptcha_bframe_page()
    if path == widgets.TURNSTILE_API_PATH:
        return "application/javascript", widgets.turnstile_api_script()
    if path == widgets.TURNSTILE_FRAME_PATH:
        return "text/html", widgets.turnstile_frame_page()
    return None
