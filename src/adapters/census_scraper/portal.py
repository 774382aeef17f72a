"""What we know of the census portal's page: its form, and what may stand in front of it.

CSS selectors only, shared by the browser part (which looks for them) and the pure part
(which reads a document nobody rendered).
"""

from __future__ import annotations

# The current portal's form.
DOCUMENT_FIELD = "#documento"
ELECTION = "#eleccion"
# "Lugar de votación actual".
CURRENT_ELECTION = "0"
SUBMIT = "#submitBtn"

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
# The "protected by reCAPTCHA" badge of invisible reCAPTCHA: a notice, not a challenge.
CAPTCHA_BADGE = ".grecaptcha-badge"

# F5's JavaScript challenge (TSPD) loads its scripts from here.
CHALLENGE_SCRIPT_PATH = "/TSPD/"
# ...and defines this global.
CHALLENGE_GLOBAL = "bobcmn"
