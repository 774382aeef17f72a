"""The HTML the simulated portal serves: the app shell and the pages that stand in front of it.

The app shell is a small single-page app, like the real one: a spinner, then a form whose
election options come from ``/back/api/elecciones``; the submit calls the consulta API and
renders its JSON. Text people read is in Spanish, as on the real site.
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass, field
from typing import Any

from census_sim.census import ELECTIONS

RECAPTCHA_SITEKEY = "6LcSimuladorCensoNoEsUnaClaveReal000000000"
REJECTION_TITLE = "Request Rejected"
# What consultacenso says when the submit is pressed with the CAPTCHA unsolved.
CAPTCHA_MISSING = "Por favor verifique que no es un robot"
# Where the app's script puts a fresh support id in the rejection page it writes.
SUPPORT_ID_PLACEHOLDER = "{support_id}"

# Form ids of the current portal, and the ids after the simulated redesign.
CURRENT_IDS = {"documento": "documento", "eleccion": "eleccion", "submit": "submitBtn"}
CHANGED_IDS = {"documento": "numeroDocumento", "eleccion": "tipoEleccion", "submit": "btnConsultar"}

_STYLE = """
body { font-family: Arial, sans-serif; margin: 0; background: #f4f6f9; color: #1c2b39; }
header { background: #003b71; color: #fff; padding: 1rem 2rem; }
main { max-width: 44rem; margin: 2rem auto; background: #fff; padding: 2rem; border-radius: 8px; }
label { display: block; margin-top: 1rem; font-weight: bold; }
input, select { width: 100%; padding: .5rem; margin-top: .25rem; box-sizing: border-box; }
button { margin-top: 1.5rem; padding: .6rem 1.5rem; background: #003b71; color: #fff; border: 0; }
button:disabled { background: #8895a3; }
.spinner { margin: 3rem auto; width: 2rem; height: 2rem; border-radius: 50%;
           border: 4px solid #ccd; border-top-color: #003b71; animation: spin 1s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
.g-recaptcha { margin-top: 1rem; width: 300px; height: 74px; border: 1px solid #d3d3d3;
               background: #f9f9f9; display: flex; align-items: center; padding: 0 .75rem; }
.g-recaptcha small { margin-left: auto; color: #555; }
table { border-collapse: collapse; margin-top: 1.5rem; width: 100%; }
th, td { border: 1px solid #ccd; padding: .4rem; text-align: left; }
.mensaje { margin-top: 1.5rem; }
.error { margin-top: 1.5rem; color: #a00; }
"""

# The app script. It reads its switches from window.__SIM__ (set by the server per mode).
_APP_JS = r"""
(function () {
  const sim = window.__SIM__;
  const app = document.getElementById("app");
  if (sim.botCheck && navigator.webdriver === true) {
    // F5-like client-side bot defense: an automated browser gets the rejection page.
    location.replace("/rejected");
    return;
  }
  const ids = sim.ids;
  let rejected = false;
  let captchaWidget = null;
  function captchaLibrary() {
    return sim.captchaLibrary ? window[sim.captchaLibrary] : undefined;
  }
  const captchaLoaded = new Promise(function (resolve) {
    // The CAPTCHA library calls this back once loaded (its script's onload parameter).
    window.__onCaptchaLoad = resolve;
    if (captchaLibrary()) resolve();
  });
  function supportId() {
    // F5 support IDs are long decimal numbers; every rejection gets a new one.
    let id = String(1 + Math.floor(Math.random() * 9));
    for (let i = 0; i < 18; i++) id += Math.floor(Math.random() * 10);
    return id;
  }
  function replaceWithRejection() {
    // The edge's policy reached the app: the whole document becomes the rejection page.
    if (rejected) return;
    rejected = true;
    const page = sim.rejection.html.replace(sim.rejection.placeholder, supportId());
    document.open();
    document.write(page);
    document.close();
  }
  function captchaToken() {
    if (sim.captcha !== "invisible") return Promise.resolve(window.__captchaToken || "");
    // An invisible CAPTCHA: the token comes from execute(), which may pop a challenge up.
    return captchaLoaded.then(function () { return captchaLibrary().execute(captchaWidget); });
  }
  function captchaMarkup() {
    if (sim.captcha === "checkbox") {
      return "<div class='g-recaptcha' data-sitekey='" + sim.sitekey + "'>" +
        "<label><input type='checkbox' id='recaptcha-anchor'> No soy un robot</label>" +
        "<small>reCAPTCHA<br>Privacidad - Condiciones</small></div>";
    }
    return sim.captchaHtml || "";
  }
  function esc(text) {
    const div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  function table(headers, row) {
    return "<table id='consulta'><thead><tr>" +
      headers.map(h => "<th>" + esc(h) + "</th>").join("") + "</tr></thead><tbody><tr>" +
      row.map(c => "<td>" + esc(c) + "</td>").join("") + "</tr></tbody></table>";
  }
  function field(data, name) {
    // The portal's key case varies (nom_depto or NOM_DEPTO).
    return data[name] !== undefined ? data[name] : data[name.toUpperCase()];
  }
  function render(answer) {
    const out = document.getElementById("resultado");
    if (answer && answer.reload) {
      // The backend asks the app to start over: the empty form again, no answer.
      document.getElementById("consultaForm").reset();
      out.innerHTML = "";
    } else if (!answer || answer.ok !== true) {
      out.innerHTML = "<p class='error'>" + esc((answer && answer.error) ||
        "No fue posible realizar la consulta. Intente más tarde.") + "</p>";
    } else if (answer.encontrado) {
      const d = answer.data;
      out.innerHTML = table(["NUIP", "DEPARTAMENTO", "MUNICIPIO", "PUESTO", "DIRECCIÓN", "MESA"],
        ["nuip", "nom_depto", "nom_mun", "nom_puesto", "direccion", "mesa"].map(
          name => field(d, name)));
      if (answer.mapa) {
        out.innerHTML += "<p><a href='" + esc(answer.mapa.url) + "'>Ver en el mapa</a></p>";
      }
    } else if (answer.novedad) {
      out.innerHTML = "<p class='mensaje'><strong>" + esc(answer.mensaje) + "</strong><br>" +
        esc(answer.descripcion) + "</p>";
    } else {
      out.innerHTML = "<p class='mensaje'>" + esc(answer.mensaje) + "</p>";
    }
  }
  async function submit(event) {
    event.preventDefault();
    if (sim.rejection && sim.rejection.onSubmit) {
      replaceWithRejection();
      return;
    }
    if (sim.sendAwayTo) {
      // A hijacked app: the visitor's browser is sent elsewhere, the cédula in the URL.
      const away = new URL(sim.sendAwayTo);
      away.searchParams.set("documento", document.getElementById(ids.documento).value.trim());
      location.href = away.href;
      return;
    }
    const out = document.getElementById("resultado");
    if ((sim.captcha === "checkbox" || sim.captcha === "widget") && !window.__captchaToken) {
      // The CAPTCHA is checked before anything is sent.
      out.innerHTML = "<p class='error' role='alert'>" + esc(sim.captchaMissing) + "</p>";
      return;
    }
    out.innerHTML = "<div class='spinner'></div>";
    const documento = document.getElementById(ids.documento).value.trim();
    const eleccion = document.getElementById(ids.eleccion).value;
    try {
      const token = await captchaToken();
      const body = {documento: documento, eleccion: eleccion, token: token};
      const response = await fetch("/back/api/consulta", {
        method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)
      });
      const text = await response.text();
      let answer = null;
      try { answer = JSON.parse(text); } catch (e) { answer = null; }
      render(answer);
    } catch (e) {
      render(null);
    }
  }
  async function start() {
    let elections = [];
    try {
      const response = await fetch("/back/api/elecciones");
      elections = (await response.json()).data;
    } catch (e) {
      elections = [];
    }
    const options = elections.map(e => "<option value='" + esc(e.value) + "'>" + esc(e.label) +
      "</option>").join("");
    const captcha = captchaMarkup();
    // The checkbox's submit stays enabled (pressing it unsolved shows the refusal); the
    // Turnstile-like widget holds it disabled until solved.
    const waitsForCaptcha = sim.captcha === "widget";
    const form = sim.htmlAnswer ?
      "<form id='consultaForm' method='post' action='/consultar'>" :
      "<form id='consultaForm'>";
    app.innerHTML = form +
      "<label for='" + ids.documento + "'>Número de documento (NUIP)</label>" +
      "<input id='" + ids.documento + "' name='documento' inputmode='numeric' maxlength='12'" +
      " pattern='[0-9]{2,12}' required autocomplete='off'>" +
      "<label for='" + ids.eleccion + "'>Elección</label>" +
      "<select id='" + ids.eleccion + "' name='eleccion'>" + options + "</select>" +
      captcha +
      "<button id='" + ids.submit + "' type='submit'" + (waitsForCaptcha ? " disabled" : "") +
      ">Consultar</button></form>" + sim.appExtra + "<div id='resultado'></div>";
    if (sim.captcha === "checkbox") {
      document.getElementById("recaptcha-anchor").addEventListener("change", function () {
        // Stands for a person solving the challenge; automated clients never do this.
        window.__captchaToken = this.checked ? "token-de-una-persona" : "";
      });
    }
    if (sim.captcha === "invisible" || sim.captcha === "widget") {
      // A CAPTCHA library (loaded by its own script) renders into the container.
      captchaLoaded.then(function () {
        captchaWidget = captchaLibrary().render(document.querySelector("[data-sitekey]"), {
          sitekey: sim.captchaSitekey,
          size: sim.captcha === "invisible" ? "invisible" : "normal",
          callback: function (token) {
            window.__captchaToken = token;
            document.getElementById(ids.submit).disabled = false;
          }
        });
      });
    }
    if (!sim.htmlAnswer) {
      document.getElementById("consultaForm").addEventListener("submit", submit);
    }
    if (sim.rejection && sim.rejection.afterMs !== null) {
      setTimeout(replaceWithRejection, sim.rejection.afterMs);
    }
  }
  setTimeout(start, sim.spinnerMs);
})();
"""


@dataclass(frozen=True)
class PortalExtras:
    """What a mode adds to the app shell (the adversarial modes build these)."""

    head: str = ""  # after the stylesheet in <head>
    before_app: str = ""  # at the top of <body>
    after_app: str = ""  # at the end of <body>, after the app's script
    in_app: str = ""  # the app writes it between its form and its answer
    settings: dict[str, Any] = field(default_factory=dict)  # more window.__SIM__ switches


NO_EXTRAS = PortalExtras()


def new_support_id() -> str:
    # F5 support IDs are long decimal numbers; only their presence matters to clients.
    return str(random.randrange(10**18, 10**19))


def inline_script(source: str) -> str:
    """A <script> element for ``source``, safe whatever strings the source holds."""
    return "<script>" + source.replace("</", "<\\/") + "</script>"


def _document(title: str, body: str, head: str = "") -> str:
    return (
        "<!DOCTYPE html>\n<html lang='es'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style>{head}</head>"
        f"<body>{body}</body></html>"
    )


def portal_page(
    *,
    bot_check: bool,
    captcha: bool,
    changed: bool,
    html_answer: bool,
    spinner_ms: int,
    extras: PortalExtras = NO_EXTRAS,
) -> str:
    settings: dict[str, Any] = {
        "botCheck": bot_check,
        "captcha": "checkbox" if captcha else "",
        "sitekey": RECAPTCHA_SITEKEY,
        "ids": CHANGED_IDS if changed else CURRENT_IDS,
        "htmlAnswer": html_answer,
        "spinnerMs": spinner_ms,
        "appExtra": extras.in_app,
        "rejection": None,
        "captchaMissing": CAPTCHA_MISSING,
        **extras.settings,
    }
    body = (
        f"{extras.before_app}"
        "<header><h1>Consulta tu lugar de votación</h1>"
        "<p>Registraduría Nacional del Estado Civil (simulador local)</p></header>"
        "<main><div id='app'><div class='spinner' role='status' aria-label='Cargando'></div>"
        "</div></main>"
        + inline_script(f"window.__SIM__ = {json.dumps(settings)};")
        + f"<script>{_APP_JS}</script>"
        + extras.after_app
    )
    return _document("Consulta de lugar de votación", body, extras.head)


def rejection_text(support_id: str) -> str:
    """The body of the F5 rejection page."""
    return (
        "The requested URL was rejected. Please consult with your administrator.<br><br>"
        f"Your support ID is: {support_id}<br><br>"
        "<a href='javascript:history.back();'>[Go Back]</a>"
    )


def rejection_page(support_id: str) -> str:
    """The F5 BIG-IP ASM default rejection page (served with HTTP 200)."""
    return (
        f"<html><head><title>{REJECTION_TITLE}</title></head><body>"
        f"{rejection_text(support_id)}</body></html>"
    )


def challenge_page(support_id: str) -> str:
    """A TSPD-like F5 JavaScript challenge: small, no form, scripts under /TSPD/."""
    return (
        "<!DOCTYPE html><html><head><meta http-equiv='Content-Type' "
        "content='text/html; charset=utf-8'><title></title>"
        "<script type='text/javascript'>window.bobcmn = "
        "'1111111111111110200000005200000005200000006200000002e8a1c5f0200000096300000000"
        "300000000300000006/TSPD/300000008TSPD_101300000005https200000000200000000';"
        "window.yfma=!!window.yfma;</script>"
        "<script type='text/javascript' src='/TSPD/08e0c7a8f8ab2000b9c4?type=7'></script>"
        "<noscript>Please enable JavaScript to view the page content.<br/>"
        f"Your support ID is: {support_id}.</noscript></head><body></body></html>"
    )


def challenge_script(*, passes: bool) -> str:
    """The challenge script: when the challenge is passable it sets the F5-like cookie and
    reloads, as F5 does once the browser has proven it runs JavaScript."""
    if not passes:
        return "/* TSPD */ window.__tspd_pending = true;"
    return (
        "/* TSPD */ setTimeout(function () {"
        " document.cookie = 'TS01a2b3c4d=01f2e3d4c5b6a79880; path=/';"
        " location.reload(); }, 400);"
    )


def error_page(status: int, reason: str) -> str:
    return _document(
        f"{status} {reason}",
        f"<main><h1>{status} {html.escape(reason)}</h1>"
        "<p>El servicio no está disponible en este momento. Intente más tarde.</p></main>",
    )


def legacy_answer_page(nuip: str, answer: dict[str, Any]) -> str:
    """The answer rendered by the server, legacy style: a table or a message."""
    if answer.get("encontrado"):
        data = answer["data"]
        headers = ["NUIP", "DEPARTAMENTO", "MUNICIPIO", "PUESTO", "DIRECCIÓN", "MESA"]
        cells = [data[key] for key in ("nuip", "nom_depto", "nom_mun", "nom_puesto")]
        cells += [data["direccion"], data["mesa"]]
        content = _table(headers, cells)
    elif answer.get("novedad"):
        resolucion, _, fecha = str(answer.get("descripcion", "")).partition(" - Fecha novedad: ")
        headers = ["NUIP", "NOVEDAD", "RESOLUCIÓN", "FECHA NOVEDAD"]
        content = _table(
            headers,
            [nuip, answer["mensaje"], resolucion.removeprefix("Resolución "), fecha],
        )
    else:
        content = f"<p class='mensaje'>{html.escape(str(answer.get('mensaje', '')))}</p>"
    return _document(
        "Consulta de lugar de votación",
        f"<header><h1>Consulta tu lugar de votación</h1></header><main>{content}</main>",
    )


def _table(headers: list[str], cells: list[Any]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    row = "".join(f"<td>{html.escape(str(cell))}</td>" for cell in cells)
    return (
        f"<table id='consulta'><thead><tr>{head}</tr></thead><tbody><tr>{row}</tr></tbody></table>"
    )


def elections_json() -> str:
    return json.dumps({"ok": True, "data": list(ELECTIONS)}, ensure_ascii=False)
