"""What may stand in front of any census portal's form: CAPTCHA widgets and F5's challenge.

CSS selectors and names only, shared by the browser part (which looks for them) and the
pure part (which reads a document nobody rendered). What each portal's own form looks like
is data (``portals/portals.toml``).
"""

from __future__ import annotations

# A CAPTCHA widget or challenge frame, counted only where it shows: reCAPTCHA v2 (the
# checkbox, and the challenge invisible reCAPTCHA pops up after a submit), Cloudflare
# Turnstile and hCaptcha. A CAPTCHA library that is loaded but shows nothing is no block.
CAPTCHA_WIDGETS = ", ".join(
    (
        ".g-recaptcha",
        "iframe[src*='recaptcha']",
        "iframe[title*='recaptcha' i]",
        ".cf-turnstile",
        "iframe[src*='challenges.cloudflare.com']",
        "iframe[title*='cloudflare' i]",
        ".h-captcha",
        "iframe[src*='hcaptcha.com']",
    )
)
# Where a CAPTCHA will draw, drawn or not yet: an explicit render fills it after load. Only
# consulted when the submit stays disabled or the page refuses it.
CAPTCHA_CONTAINERS = ".g-recaptcha, .cf-turnstile, .h-captcha, [data-sitekey]"
# The "protected by reCAPTCHA" badge of invisible reCAPTCHA: a notice, not a challenge.
CAPTCHA_BADGE = ".grecaptcha-badge"

# F5's JavaScript challenge (TSPD) loads its scripts from here.
CHALLENGE_SCRIPT_PATH = "/TSPD/"
# ...and defines this global.
CHALLENGE_GLOBAL = "bobcmn"
