"""What wsp's PHP answers to its XHR consulta: ``{"success", "data": {"message": html}}``.

The HTML fragments are the ones census-site.md reports (``table#consulta`` with ``data-th``
cells and the mesa in ``<b>``, the "Señor Ciudadano" notice, the not-in-census sentence,
the NOVEDAD table) and go out through ``php_json_reply`` (``<\\/td>``), as json_encode does.
"""

from __future__ import annotations

import html
from typing import Any

from census_sim.census import NOT_ENABLED_SENTENCE, Entry, Standing
from census_sim.replies import Reply, php_json_reply

FOUND_HEADERS = ("NUIP", "DEPARTAMENTO", "MUNICIPIO", "PUESTO", "DIRECCIÓN", "MESA")
NOVELTY_HEADERS = ("NUIP", "NOVEDAD", "RESOLUCIÓN", "FECHA NOVEDAD")
REGISTRATION_NOTICE = (
    "<b>Señor Ciudadano:</b> Si usted realizó su trámite de inscripción, recuerde que éste se "
    "verá reflejado una vez sea validado…"
)
NOT_IN_CENSUS = "El documento consultado no se encuentra en el censo para esta elección."
# wsp writes this novedad without accents (as census-site.md quotes it).
SUSPENDED_RIGHTS_WSP = "Vigente con Perdida o Suspension de los Derechos Politicos"
CAPTCHA_MISSING = "Marque el cuadro de verificación (Captcha: No soy un robot)"
BACKEND_TIMEOUT = "Curl error: Operation timed out after 15008 milliseconds with 0 bytes received"
INVALID_NUIP = "El número de documento no es válido."


def _table(headers: tuple[str, ...], cells: list[Any], bold_last: bool = False) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    row = ""
    for index, (name, cell) in enumerate(zip(headers, cells, strict=True)):
        text = html.escape(str(cell))
        if bold_last and index == len(headers) - 1:
            text = f"<b>{text}</b>"
        row += f'<td data-th="{html.escape(name)}">{text}</td>'
    return (
        '<table id="consulta" class="table table-striped table-bordered">'
        f"<thead><tr>{head}</tr></thead><tbody><tr>{row}</tr></tbody></table>"
    )


def _alert(kind: str, text: str) -> str:
    return f'<div class="alert alert-{kind}" role="alert">{text}</div>'


def answer_html(entry: Entry) -> str:
    """The fragment the page puts into ``#success``."""
    nuip = entry.nuip
    if entry.standing is Standing.FOUND:
        data = entry.record["data"]
        cells = [data["nuip"], data["nom_depto"], data["nom_mun"], data["nom_puesto"]]
        cells += [data["direccion"], data["mesa"]]
        return _table(FOUND_HEADERS, cells, bold_last=True) + _alert("info", REGISTRATION_NOTICE)
    if entry.standing is Standing.CANCELLED:
        resolution, date = entry.resolution_and_date
        return _table(NOVELTY_HEADERS, [nuip, entry.reason, resolution, date])
    if entry.standing is Standing.NOT_ENABLED:
        sentence = _alert(
            "warning", f"El ciudadano con documento {html.escape(nuip)} {NOT_ENABLED_SENTENCE}."
        )
        if not entry.record.get("novedad"):
            return sentence
        resolution, date = entry.resolution_and_date
        return _table(NOVELTY_HEADERS, [nuip, SUSPENDED_RIGHTS_WSP, resolution, date]) + sentence
    return _alert("warning", NOT_IN_CENSUS)


def success(entry: Entry) -> Reply:
    return php_json_reply({"success": True, "data": {"message": answer_html(entry)}})


def failure(message: str) -> Reply:
    """A refusal or a fault of the site's own backend: same envelope, success false."""
    return php_json_reply({"success": False, "data": {"message": message}})


def reload() -> Reply:
    """The page reloads itself (new token); the query was not answered."""
    return php_json_reply({"reload": True})


def truncated() -> Reply:
    return Reply(200, '{"success":true,"data":{"message":"<table id=\\"consulta\\"', "text/html")
