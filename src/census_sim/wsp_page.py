"""wsp's page (``/censo/consultar/``): a server-rendered PHP form driven by a small script.

The real page uses jQuery; this one does what its script is reported to do in plain
JavaScript (no library to download): check the CAPTCHA first and, without it, show "Marque
el cuadro de verificación (Captcha: No soy un robot)" and send nothing; otherwise POST the
form's fields as multipart ``FormData`` to the same URL by XHR and put the answer's HTML into
``#success``; ``{"reload": true}`` reloads the page. The submit never navigates.
"""

from __future__ import annotations

import html
import json

from census_sim import widgets
from census_sim.pages import RECAPTCHA_SITEKEY, inline_script
from census_sim.wsp_answers import CAPTCHA_MISSING

CURRENT_IDS = {
    "form": "form",
    "nuip": "nuip",
    "tipo": "tipo",
    "token": "token",
    "submit": "enviar",
    "success": "success",
}
# After the simulated redesign: the same form under other ids, nothing else known.
CHANGED_IDS = {
    "form": "formConsulta",
    "nuip": "cedula",
    "tipo": "tipoEleccion",
    "token": "csrf",
    "submit": "consultar",
    "success": "respuesta",
}
ELECTION_OPTIONS = (
    ("-1", "LUGAR DE VOTACIÓN ACTUAL"),
    ("1", "ELECCIONES DE CONGRESO 2026"),
    ("2", "ELECCIÓN PRESIDENCIAL 2026 - PRIMERA VUELTA"),
)
GENERIC_ERROR = "Error al realizar la consulta, por favor intente nuevamente."

_STYLE = """
body { font-family: Arial, Helvetica, sans-serif; margin: 0; background: #fff; color: #333; }
.cabezote { background: #1b3a6b; color: #fff; padding: .8rem 2rem; }
.container { max-width: 58rem; margin: 1.5rem auto; padding: 0 1rem; }
.form-group { margin-bottom: 1rem; }
label { display: block; font-weight: bold; margin-bottom: .3rem; }
.form-control { width: 100%; max-width: 24rem; padding: .4rem; box-sizing: border-box; }
.btn { padding: .5rem 1.6rem; background: #1b3a6b; color: #fff; border: 0; cursor: pointer; }
.btn:disabled { background: #8895a3; }
.g-recaptcha, .cf-turnstile { margin: 1rem 0; min-height: 65px; }
.table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
.table th, .table td { border: 1px solid #ccc; padding: .4rem; text-align: left; }
.table th { background: #e9eef5; }
.alert { margin-top: 1rem; padding: .75rem 1rem; border: 1px solid transparent; }
.alert-danger { background: #f8d7da; color: #721c24; }
.alert-warning { background: #fff3cd; color: #856404; }
.alert-info { background: #d1ecf1; color: #0c5460; }
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var sim = window.__WSP__, ids = sim.ids;
  var form = document.getElementById(ids.form);
  var out = document.getElementById(ids.success);
  var button = document.getElementById(ids.submit);
  var turnstileWidget = null;
  window.__onTurnstileLoad = function () {
    turnstileWidget = window.turnstile.render("#cf-turnstile", {sitekey: sim.turnstileKey});
  };
  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  function alertBox(kind, text) {
    return "<div class='alert alert-" + kind + "' role='alert'>" + esc(text) + "</div>";
  }
  function captchaResponse() {
    if (sim.captcha === "recaptcha") {
      return window.grecaptcha ? window.grecaptcha.getResponse() : "";
    }
    if (sim.captcha === "turnstile") {
      return window.turnstile ? window.turnstile.getResponse(turnstileWidget) : "";
    }
    return "";
  }
  function done() {
    button.disabled = false;
    if (sim.captcha === "recaptcha" && window.grecaptcha) window.grecaptcha.reset();
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var response = captchaResponse();
    if (sim.captcha && !response) {
      out.innerHTML = alertBox("danger", sim.captchaMissing);
      return;
    }
    var data = new FormData();
    data.append("nuip", document.getElementById(ids.nuip).value.trim());
    data.append("tipo", document.getElementById(ids.tipo).value);
    data.append("token", document.getElementById(ids.token).value);
    data.append(sim.captcha === "turnstile" ? "cf-turnstile-response" : "g-recaptcha-response",
      response);
    out.innerHTML = "<p class='cargando'>Consultando, por favor espere…</p>";
    button.disabled = true;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", window.location.href, true);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.onload = function () {
      var answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = null; }
      done();
      if (xhr.status !== 200 || !answer) {
        out.innerHTML = alertBox("danger", sim.genericError);
      } else if (answer.reload) {
        window.location.reload();
      } else if (answer.success) {
        out.innerHTML = answer.data.message;
      } else {
        var message = answer.data && answer.data.message;
        out.innerHTML = alertBox("danger", message || sim.genericError);
      }
    };
    xhr.onerror = function () { done(); out.innerHTML = alertBox("danger", sim.genericError); };
    xhr.send(data);
  });
})();
"""


def _captcha_markup(captcha: str) -> tuple[str, str]:
    """(the widget in the form, the script that loads its library)."""
    if captcha == "recaptcha":
        # Automatic rendering, as the PHP page does: the library fills .g-recaptcha.
        return (
            f'<div class="g-recaptcha" data-sitekey="{RECAPTCHA_SITEKEY}"></div>',
            f'<script src="{widgets.RECAPTCHA_API_PATH}?hl=es" async defer></script>',
        )
    if captcha == "turnstile":
        loader = f"{widgets.TURNSTILE_API_PATH}?onload=__onTurnstileLoad&amp;render=explicit"
        return (
            f'<div class="cf-turnstile" id="cf-turnstile" '
            f'data-sitekey="{widgets.TURNSTILE_SITEKEY}"></div>',
            f'<script src="{loader}" async defer></script>',
        )
    return "", ""


def page(*, token: str, captcha: str, changed: bool) -> str:
    """The page; ``captcha`` is "", "recaptcha" or "turnstile"."""
    ids = CHANGED_IDS if changed else CURRENT_IDS
    widget, loader = _captcha_markup(captcha)
    options = "".join(
        f'<option value="{value}">{html.escape(label)}</option>'
        for value, label in ELECTION_OPTIONS
    )
    settings = {
        "ids": ids,
        "captcha": captcha,
        "turnstileKey": widgets.TURNSTILE_SITEKEY,
        "captchaMissing": CAPTCHA_MISSING,
        "genericError": GENERIC_ERROR,
    }
    return (
        "<!DOCTYPE html>\n<html lang='es'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>Consulta Lugar de Votación - Registraduría Nacional del Estado Civil</title>"
        f"<style>{_STYLE}</style>{loader}</head><body>"
        "<div class='cabezote'><strong>Registraduría Nacional del Estado Civil</strong></div>"
        "<div class='container'><h1>Consulta de lugar de votación</h1>"
        f'<form id="{ids["form"]}" method="post" autocomplete="off">'
        f'<div class="form-group"><label for="{ids["nuip"]}">Número de documento</label>'
        f'<input type="text" class="form-control" id="{ids["nuip"]}" name="nuip" '
        'maxlength="10" required></div>'
        f'<div class="form-group"><label for="{ids["tipo"]}">Tipo de elección</label>'
        f'<select class="form-control" id="{ids["tipo"]}" name="tipo">{options}</select></div>'
        f'<input type="hidden" id="{ids["token"]}" name="token" value="{token}">'
        f"{widget}"
        f'<input type="submit" class="btn" id="{ids["submit"]}" value="Consultar">'
        f'</form><div id="{ids["success"]}"></div></div>'
        + inline_script(f"window.__WSP__ = {json.dumps(settings, ensure_ascii=False)};")
        + inline_script(_SCRIPT)
        + "</body></html>"
    )
