"""eleccionescolombia's page (``/identificacion``): a React-like app rendered by plain JS.

It renders into ``#root``: "¿Dónde puedo votar?", ``input#document`` (type=number) and a
"Consultar" button that, in CAPTCHA modes, stays disabled until the CAPTCHA's callback
fires (reCAPTCHA v2 explicit render, plus the v3 script; or Turnstile). The data come from
the API on another origin (``apiOrigin``), with the CAPTCHA token as ``Authorization:
Bearer``; while it answers, a loading view stands where the form was. Found: the app
pushes ``/Polling`` and shows Puesto / Mesa / Zona.
"""

from __future__ import annotations

import json

from census_sim import widgets
from census_sim.pages import RECAPTCHA_SITEKEY, inline_script
from census_sim.portals import ELECCIONES_API_PATH

RECAPTCHA_V3_SITEKEY = "6LcSimuladorV3CensoNoEsUnaClaveReal000000"
ELECTION_CODE = "PRESIDENCIA_2026_1V"
CURRENT_IDS = {"root": "root", "document": "document"}
# After the simulated redesign: the same app under other ids, nothing else known.
CHANGED_IDS = {"root": "app-root", "document": "identificationNumber"}
GENERIC_ERROR = "En este momento no podemos atender tu consulta. Intenta de nuevo más tarde."

_STYLE = """
body { margin: 0; font-family: 'Open Sans', Arial, sans-serif; background: #f5f7fb; color: #222; }
.barra { background: #ffd200; height: 6px; }
.app { max-width: 32rem; margin: 3rem auto; background: #fff; padding: 2rem;
       border-radius: 12px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
h1 { color: #0b3a82; font-size: 1.6rem; }
.campo { width: 100%; padding: .7rem; font-size: 1rem; box-sizing: border-box;
         border: 1px solid #b8c2d3; border-radius: 8px; }
.boton { margin-top: 1rem; width: 100%; padding: .8rem; font-size: 1rem; border: 0;
         border-radius: 8px; background: #0b3a82; color: #fff; cursor: pointer; }
.boton:disabled { background: #aab4c4; cursor: not-allowed; }
.captcha { margin-top: 1rem; min-height: 78px; }
.dato { display: flex; justify-content: space-between; padding: .5rem 0;
        border-bottom: 1px solid #e4e8f0; }
.dato span:first-child { color: #5a6475; }
.aviso { margin-top: 1rem; padding: .8rem; background: #fff4e5; border-radius: 8px; }
.error { margin-top: 1rem; padding: .8rem; background: #fdecea; color: #8a1c12;
         border-radius: 8px; }
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var sim = window.__ELECCIONES__, ids = sim.ids;
  var root = document.getElementById(ids.root);
  var state = {token: "", widget: null};
  function h(tag, attrs, children) {
    // A tiny createElement: enough for this app's few views.
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "onClick") el.addEventListener("click", attrs[key]);
      else if (key === "text") el.textContent = attrs[key];
      else if (attrs[key] !== false && attrs[key] != null) el.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) el.appendChild(child); });
    return el;
  }
  function mount(view) { root.replaceChildren(view); }
  function row(label, value) {
    return h("div", {"class": "dato"}, [h("span", {text: label}), h("strong", {text: value})]);
  }
  function enableButton() {
    var button = document.getElementById("consultar");
    if (button) button.disabled = false;
  }
  function renderCaptcha() {
    var box = document.getElementById("captcha");
    if (!box) return;
    state.token = "";
    if (sim.captcha === "recaptcha" && window.grecaptcha) {
      state.widget = window.grecaptcha.render(box, {
        sitekey: sim.sitekey,
        callback: function (token) { state.token = token; enableButton(); },
        "expired-callback": function () { state.token = ""; }
      });
    } else if (sim.captcha === "turnstile" && window.turnstile) {
      state.widget = window.turnstile.render(box, {
        sitekey: sim.turnstileKey,
        callback: function (token) { state.token = token; enableButton(); }
      });
    }
  }
  window.__onCaptchaLoad = renderCaptcha;
  function formView(note) {
    var input = h("input", {id: ids.document, "class": "campo", type: "number",
      inputmode: "numeric", placeholder: "Ej: 12345678", "aria-label": "Número de cédula"});
    var button = h("button", {id: "consultar", "class": "boton", type: "button",
      disabled: sim.captcha ? "disabled" : false, text: "Consultar", onClick: consultar});
    return h("main", {"class": "app"}, [
      h("h1", {text: "¿Dónde puedo votar?"}),
      h("p", {text: "Ingresa tu número de cédula de ciudadanía para conocer tu puesto y mesa."}),
      input,
      sim.captcha ? h("div", {id: "captcha", "class": "captcha"}) : null,
      button,
      note ? h("div", {"class": "error", role: "alert", text: note}) : null
    ]);
  }
  function showForm(note) {
    mount(formView(note));
    if (window.location.pathname !== sim.pagePath) history.pushState({}, "", sim.pagePath);
    if (sim.captcha && (window.grecaptcha || window.turnstile)) renderCaptcha();
  }
  function back() {
    return h("button", {"class": "boton", type: "button", text: "Nueva consulta",
      onClick: function () { showForm(""); }});
  }
  function pollingView(place) {
    var address = place.place_address || {};
    history.pushState({}, "", "/Polling");
    return h("main", {"class": "app"}, [
      h("h1", {text: "Tu lugar de votación"}),
      row("Departamento", address.state), row("Municipio", address.town),
      row("Puesto", place.stand), row("Dirección", address.address),
      row("Mesa", String(place.table)), row("Zona", address.zone), back()
    ]);
  }
  function loadingView() {
    return h("main", {"class": "app"}, [
      h("h1", {text: "¿Dónde puedo votar?"}),
      h("p", {role: "status", text: "Consultando tu lugar de votación…"})
    ]);
  }
  function messageView(text) {
    return h("main", {"class": "app"}, [
      h("h1", {text: "¿Dónde puedo votar?"}),
      h("div", {"class": "aviso", role: "alert", text: text}), back()
    ]);
  }
  function noveltyView(novelties) {
    var items = novelties.map(function (novelty) {
      return h("div", {"class": "aviso", role: "alert"}, [
        h("strong", {text: novelty.name}), h("p", {text: novelty.description_line_1}),
        novelty.resolution ? h("p", {text: "Resolución: " + novelty.resolution}) : null,
        novelty.date ? h("p", {text: "Fecha: " + novelty.date}) : null
      ]);
    });
    return h("main", {"class": "app"},
      [h("h1", {text: "Tu documento presenta una novedad"})].concat(items, [back()]));
  }
  async function consultar() {
    var identification = document.getElementById(ids.document).value.trim();
    if (sim.captcha && !state.token) return;  // the button waits for the CAPTCHA
    if (!identification) return;
    // Like many React apps, the form gives way to a loading view while the API answers.
    mount(loadingView());
    var headers = {"Content-Type": "application/json"};
    if (state.token) headers.Authorization = "Bearer " + state.token;
    var body = {identification: identification, identification_type: "CC",
      election_code: sim.electionCode, module: "polling_place", platform: "web"};
    var response = null, answer = null;
    try {
      response = await fetch(sim.apiOrigin + sim.apiPath,
        {method: "POST", headers: headers, body: JSON.stringify(body)});
      try { answer = await response.json(); } catch (e) { answer = null; }
    } catch (e) {
      response = null;
    }
    state.token = "";
    if (response && response.status === 200 && answer && answer.status === true) {
      var data = answer.data || {};
      mount(data.is_in_census ? pollingView(data.polling_place) : noveltyView(data.novelty || []));
    } else if (response && response.status === 404 && answer && answer.status_code === 13) {
      mount(messageView(answer.message));
    } else if (response && response.status === 401) {
      // The session expired: the app reloads itself (a new CAPTCHA), without an answer.
      window.location.reload();
    } else if (response && response.status === 403) {
      // A spent or missing token: the app starts over with a fresh CAPTCHA, no answer.
      showForm("");
    } else {
      showForm(sim.genericError);
    }
  }
  showForm("");
})();
"""


def page(*, api_origin: str, captcha: str, changed: bool, page_path: str) -> str:
    """The app shell; ``captcha`` is "", "recaptcha" or "turnstile"."""
    ids = CHANGED_IDS if changed else CURRENT_IDS
    settings = {
        "ids": ids,
        "captcha": captcha,
        "sitekey": RECAPTCHA_SITEKEY,
        "turnstileKey": widgets.TURNSTILE_SITEKEY,
        "apiOrigin": api_origin,
        "apiPath": ELECCIONES_API_PATH,
        "electionCode": ELECTION_CODE,
        "pagePath": page_path,
        "genericError": GENERIC_ERROR,
    }
    loaders = ""
    if captcha == "recaptcha":
        v2 = f"{widgets.RECAPTCHA_API_PATH}?onload=__onCaptchaLoad&amp;render=explicit&amp;hl=es"
        v3 = f"{widgets.RECAPTCHA_API_PATH}?render={RECAPTCHA_V3_SITEKEY}"
        loaders = f"<script src='{v2}' async defer></script><script src='{v3}'></script>"
    elif captcha == "turnstile":
        loader = f"{widgets.TURNSTILE_API_PATH}?onload=__onCaptchaLoad&amp;render=explicit"
        loaders = f"<script src='{loader}' async defer></script>"
    return (
        "<!DOCTYPE html>\n<html lang='es'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>Elecciones Colombia - Registraduría Nacional del Estado Civil</title>"
        f"<style>{_STYLE}</style></head><body><div class='barra'></div>"
        f"<div id='{ids['root']}'></div>"
        "<noscript>Necesitas habilitar JavaScript para usar esta aplicación.</noscript>"
        + inline_script(f"window.__ELECCIONES__ = {json.dumps(settings, ensure_ascii=False)};")
        + inline_script(_SCRIPT)
        + loaders
        + "</body></html>"
    )
