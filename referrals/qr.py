"""The referral link as a QR code and a WhatsApp message, made here: no outside service
sees the link."""

from __future__ import annotations

from urllib.parse import quote

import segno
from django.utils.safestring import SafeString, mark_safe

WHATSAPP_TEXT = "Regístrate en Página Madre y consulta dónde votas con mi enlace: {url}"


def qr_svg(url: str) -> SafeString:
    """An inline SVG (dark modules on white, so any phone's camera reads it); it holds
    segno's drawing and our fixed title, nothing to escape."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=5,
        border=4,
        dark="#000",
        light="#fff",
        title="Código QR de tu enlace",
        svgclass="img-fluid qr-enlace",
    )
    return mark_safe(svg)


def whatsapp_url(url: str) -> str:
    return "https://wa.me/?text=" + quote(WHATSAPP_TEXT.format(url=url), safe="")
