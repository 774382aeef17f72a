"""The card to keep drawn: an image (PNG) a person saves or sends to themselves, and the QR
code of the way there, made here (no outside service sees the link).

The text is set in DejaVu Sans cut down to Latin (``census/fonts``, its licence beside it):
Pillow's own font, ``ImageFont.load_default``, has no accented letters, and a card that
writes "Bogot□" is no card to keep; a font of the system's would have to be installed
wherever the portal runs."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import segno
from django.utils.safestring import SafeString, mark_safe
from PIL import Image, ImageDraw, ImageFont

from census.keepsake import Keepsake
from census.presenter import WHAT_TO_BRING

FONTS = Path(__file__).parent / "fonts"
WIDTH = 1080
MARGIN = 64
INK = "#212529"
MUTED = "#495057"
BRAND = "#0a58ca"
QR_SIDE = 360
QR_TITLE = "Código QR: cómo llegar a tu puesto en el mapa"
QR_CAPTION = "Escanéalo para ver cómo llegar (OpenStreetMap)"


def map_qr_svg(url: str) -> SafeString:
    """The map link as an inline SVG (dark modules on white, so any phone's camera reads
    it); it holds segno's drawing and our fixed title, nothing to escape."""
    svg = _qr(url).svg_inline(
        scale=4, border=4, dark="#000", light="#fff", title=QR_TITLE, svgclass="keepsake-qr"
    )
    return mark_safe(svg)


def keepsake_png(keepsake: Keepsake) -> bytes:
    """The card as a PNG one phone screen wide, as tall as its text needs."""
    lines = _lines(keepsake)
    qr = _qr_image(keepsake.map_url) if keepsake.map_url else None
    height = MARGIN + sum(step for _, _, _, step in lines) + MARGIN
    if qr is not None:
        height += qr.height + 16 + 40 + MARGIN // 2
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 16), fill=BRAND)
    y = MARGIN
    for text, font, colour, step in lines:
        draw.text((MARGIN, y), text, font=font, fill=colour)
        y += step
    if qr is not None:
        y += MARGIN // 2
        image.paste(qr, ((WIDTH - qr.width) // 2, y))
        y += qr.height + 16
        caption = _font(bold=False, size=28)
        width = draw.textlength(QR_CAPTION, font=caption)
        draw.text(((WIDTH - width) // 2, y), QR_CAPTION, font=caption, fill=MUTED)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


Line = tuple[str, ImageFont.FreeTypeFont, str, int]


def _lines(keepsake: Keepsake) -> list[Line]:
    """Every line of text with its font, colour and the room it takes, top to bottom."""
    label = _font(bold=False, size=30)
    value = _font(bold=True, size=40)
    lines: list[Line] = []

    def add(text: str, font: ImageFont.FreeTypeFont, colour: str, gap: int = 0) -> None:
        size = int(font.size)
        for part in _wrapped(text, font):
            lines.append((part, font, colour, round(size * 1.3)))
        if gap and lines:
            *drawn, step = lines[-1]
            lines[-1] = (*drawn, step + gap)

    heading = _font(bold=True, size=34)
    add("Página Madre · Tu lugar de votación", heading, BRAND, gap=0 if keepsake.election else 24)
    if keepsake.election:
        add(keepsake.election, label, MUTED, gap=24)
    add(keepsake.name, value, INK, gap=24)
    add("Puesto", label, MUTED)
    add(keepsake.puesto, value, INK, gap=16)
    add(f"Mesa {keepsake.mesa}", _font(bold=True, size=64), INK, gap=16)
    if keepsake.address:
        add("Dirección", label, MUTED)
        add(keepsake.address, value, INK, gap=16)
    add(f"{keepsake.municipio}, {keepsake.departamento}", value, INK, gap=24)
    add(WHAT_TO_BRING, _font(bold=False, size=28), INK, gap=16)
    if keepsake.confirmed_words:
        add(f"Lugar confirmado el {keepsake.confirmed_words}.", _font(bold=False, size=26), MUTED)
    return lines


def _wrapped(text: str, font: ImageFont.FreeTypeFont) -> list[str]:
    """``text`` broken between words to fit the card's width (a word longer than the
    width stays whole)."""
    room = WIDTH - 2 * MARGIN
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and font.getlength(candidate) > room:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def _qr(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def _qr_image(url: str) -> Image.Image:
    code = _qr(url)
    scale = max(QR_SIDE // code.symbol_size(scale=1, border=4)[0], 2)
    drawn = io.BytesIO()
    code.save(drawn, kind="png", scale=scale, border=4, dark="#000", light="#fff")
    drawn.seek(0)
    return Image.open(drawn).convert("RGB")


@cache
def _font(*, bold: bool, size: int) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold-latin.ttf" if bold else "DejaVuSans-latin.ttf"
    return ImageFont.truetype(str(FONTS / name), size)
