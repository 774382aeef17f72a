"""Local stand-ins for Google reCAPTCHA (invisible) and Cloudflare Turnstile.

They copy the DOM the real libraries build (class names, frame titles, the hidden badge, the
challenge bubble kept off-screen until it is needed) but never touch the network: every
script and frame is served by the simulator. They cannot be solved by a program; a person
stands in by picking tiles or ticking the box, as the ``captcha`` mode's checkbox does.
Google's and Cloudflare's own texts are in English in reality (frame titles); what the
frames show is localised to Spanish, as it is for a visitor from Colombia.
"""

from __future__ import annotations

import html
import json

RECAPTCHA_API_PATH = "/recaptcha/api.js"
RECAPTCHA_ANCHOR_PATH = "/recaptcha/api2/anchor"
RECAPTCHA_BFRAME_PATH = "/recaptcha/api2/bframe"
TURNSTILE_API_PATH = "/turnstile/v0/api.js"
TURNSTILE_FRAME_PATH = "/cdn-cgi/challenge-platform/turnstile/if"

RECAPTCHA_CHALLENGE_TITLE = "recaptcha challenge expires in two minutes"
TURNSTILE_TITLE = "Widget containing a Cloudflare security challenge"
TURNSTILE_SITEKEY = "0x4AAAAAAASimuladorCensoNoReal"

_RECAPTCHA_API_JS = r"""
/* reCAPTCHA stand-in served by the census simulator: the DOM of Google's api.js, no network. */
(function () {
  "use strict";
  var script = document.currentScript;
  var params = new URL(script ? script.src : location.href, location.href).searchParams;
  if (window.grecaptcha && window.grecaptcha.__sim) {
    // A second load (a v3 script beside the v2 widget) keeps the widgets already rendered.
    var again = params.get("onload");
    if (again && typeof window[again] === "function") window[again]();
    return;
  }
  var CHALLENGE = %(challenge)s;
  var BFRAME = %(bframe)s, ANCHOR = %(anchor)s, TITLE = %(title)s;
  var HIDDEN = "visibility: hidden; position: absolute; width: 100%%; top: -10000px; " +
    "left: 0px; right: 0px; transition: visibility 0s linear 0.3s, opacity 0.3s linear; " +
    "opacity: 0;";
  var widgets = [];
  var bubble = null;
  var pending = [];

  function token(prefix) {
    var chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    var out = prefix;
    for (var i = 0; i < 400; i++) out += chars[Math.floor(Math.random() * chars.length)];
    return out;
  }
  function frameName() {
    return Math.random().toString(36).slice(2, 14);
  }
  function makeBubble(sitekey) {
    // Google puts the challenge frame in the page at load, hidden off-screen, and moves it
    // into view only when it decides to challenge the visitor.
    var div = document.createElement("div");
    div.style.cssText = HIDDEN;
    div.innerHTML =
      "<div style='width: 100%%; height: 100%%; position: fixed; top: 0px; left: 0px; " +
      "z-index: 2000000000; background-color: rgb(255, 255, 255); opacity: 0.05;'></div>" +
      "<div style='border: 11px solid transparent; width: 0px; height: 0px; " +
      "position: absolute; pointer-events: none; margin-top: -11px; z-index: 2000000000; " +
      "left: 22px;'></div>" +
      "<div style='z-index: 2000000000; position: relative;'><iframe title='" + TITLE +
      "' name='c-" + frameName() + "' frameborder='0' scrolling='no' sandbox='allow-forms " +
      "allow-popups allow-same-origin allow-scripts allow-top-navigation allow-modals " +
      "allow-popups-to-escape-sandbox allow-storage-access-by-user-activation' src='" +
      BFRAME + "?hl=es&v=sim&k=" + encodeURIComponent(sitekey) +
      "' style='width: 400px; height: 580px;'></iframe></div>";
    document.body.appendChild(div);
    // As on Google's page: a click outside the bubble closes it, the request stays unsent.
    div.firstChild.addEventListener("click", hideBubble);
    return div;
  }
  function showBubble() {
    var left = Math.max(0, Math.round((document.documentElement.clientWidth - 400) / 2));
    bubble.style.cssText = "visibility: visible; position: absolute; width: 400px; top: " +
      (window.scrollY + 10) + "px; left: " + left + "px; z-index: 2000000000; " +
      "transition: visibility 0s linear 0s, opacity 0.3s linear; opacity: 1;";
  }
  function hideBubble() {
    if (bubble) bubble.style.cssText = HIDDEN;
  }
  function badge(sitekey) {
    return "<div class='grecaptcha-badge' data-style='bottomright' style='width: 256px; " +
      "height: 60px; display: block; transition: right 0.3s; position: fixed; bottom: 14px; " +
      "right: -186px; box-shadow: gray 0px 0px 5px; border-radius: 2px; overflow: hidden;'>" +
      "<div class='grecaptcha-logo'><iframe title='reCAPTCHA' width='256' height='60' " +
      "role='presentation' name='a-" + frameName() + "' frameborder='0' scrolling='no' " +
      "src='" + ANCHOR + "?ar=1&hl=es&size=invisible&k=" + encodeURIComponent(sitekey) +
      "'></iframe></div><div class='grecaptcha-error'></div>" +
      "<textarea id='g-recaptcha-response' name='g-recaptcha-response' " +
      "class='g-recaptcha-response' style='width: 250px; height: 40px; display: none;'>" +
      "</textarea></div><iframe style='display: none;'></iframe>";
  }
  function checkbox(sitekey) {
    // The v2 checkbox: Google's anchor frame (304x78) and the hidden response field.
    return "<div style='width: 304px; height: 78px;'><div><iframe title='reCAPTCHA' " +
      "width='304' height='78' role='presentation' name='a-" + frameName() + "' " +
      "frameborder='0' scrolling='no' src='" + ANCHOR + "?ar=1&hl=es&size=normal&k=" +
      encodeURIComponent(sitekey) + "'></iframe></div>" +
      "<textarea id='g-recaptcha-response' name='g-recaptcha-response' " +
      "class='g-recaptcha-response' style='width: 250px; height: 40px; border: 1px solid " +
      "rgb(193, 193, 193); margin: 10px 25px; padding: 0px; resize: none; display: none;'>" +
      "</textarea></div>";
  }
  function finish(widget, value) {
    widget.response = value;
    var area = widget.element.querySelector(".g-recaptcha-response");
    if (area) area.value = value;
    if (typeof widget.callback === "function") widget.callback(value);
    return value;
  }
  function render(container, options) {
    var element = typeof container === "string" ? document.getElementById(container) : container;
    options = options || {};
    var sitekey = options.sitekey || element.getAttribute("data-sitekey") || "";
    var size = options.size || element.getAttribute("data-size") || "normal";
    var callback = options.callback || window[element.getAttribute("data-callback") || ""];
    element.innerHTML = size === "invisible" ? badge(sitekey) : checkbox(sitekey);
    if (!bubble) bubble = makeBubble(sitekey);
    widgets.push({element: element, callback: callback, response: ""});
    return widgets.length - 1;
  }
  function execute(id, options) {
    if (typeof id === "string") {
      // v3 (execute(sitekey, {action})): a score, never a challenge; a token shortly after.
      return new Promise(function (resolve) {
        setTimeout(function () { resolve(token("03AFcWeA-v3-")); }, 150);
      });
    }
    var widget = widgets[typeof id === "number" ? id : 0];
    if (!widget) return Promise.reject(new Error("reCAPTCHA: no widget rendered"));
    if (widget.response) return Promise.resolve(widget.response);
    if (!CHALLENGE) {
      // A good score: no challenge, a token after a short risk analysis.
      return new Promise(function (resolve) {
        setTimeout(function () { resolve(finish(widget, token("03AFcWeA"))); }, 150);
      });
    }
    showBubble();
    return new Promise(function (resolve) {
      pending.push(function (value) { resolve(finish(widget, value)); });
    });
  }
  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.source !== "recaptcha-sim") return;
    if (data.ticked) {
      // A person ticked a v2 checkbox: its own widget gets the token.
      widgets.forEach(function (widget) {
        var frame = widget.element.querySelector("iframe");
        if (frame && frame.contentWindow === event.source) {
          finish(widget, token("03AFcWeA-persona-"));
        }
      });
      return;
    }
    if (!data.solved) return;
    hideBubble();
    var waiting = pending;
    pending = [];
    waiting.forEach(function (resolve) { resolve(token("03AFcWeA-persona-")); });
  });
  window.grecaptcha = {
    __sim: true,
    render: render,
    execute: execute,
    ready: function (callback) { setTimeout(callback, 0); },
    getResponse: function (id) { var w = widgets[id || 0]; return w ? w.response : ""; },
    reset: function (id) {
      var w = widgets[id || 0];
      if (!w) return;
      w.response = "";
      var area = w.element.querySelector(".g-recaptcha-response");
      if (area) area.value = "";
      var frame = w.element.querySelector("iframe");
      if (frame && frame.contentWindow) frame.contentWindow.postMessage("reset", "*");
      hideBubble();
    }
  };
  var onload = params.get("onload");
  if (onload && typeof window[onload] === "function") window[onload]();
  var mode = params.get("render") || "onload";
  if (mode === "onload") {
    // Automatic rendering: every .g-recaptcha of the page, once the document is parsed.
    var renderAll = function () {
      document.querySelectorAll(".g-recaptcha").forEach(function (el) { render(el); });
    };
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", renderAll);
    } else {
      renderAll();
    }
  }
})();
"""

_TURNSTILE_API_JS = r"""
/* Turnstile stand-in served by the census simulator: the DOM of Cloudflare's api.js. */
(function () {
  "use strict";
  var FRAME = %(frame)s, TITLE = %(title)s;
  var script = document.currentScript;
  var params = new URL(script ? script.src : location.href, location.href).searchParams;
  var widgets = [];

  function render(container, options) {
    var element = typeof container === "string" ? document.querySelector(container) : container;
    options = options || {};
    var sitekey = options.sitekey || element.getAttribute("data-sitekey") || "";
    var id = "cf-chl-widget-" + Math.random().toString(36).slice(2, 7);
    element.innerHTML = "<div><iframe src='" + FRAME + "?lang=es&k=" +
      encodeURIComponent(sitekey) + "' allow='cross-origin-isolated; fullscreen; autoplay' " +
      "sandbox='allow-same-origin allow-scripts allow-popups' id='" + id + "' tabindex='0' " +
      "title='" + TITLE + "' style='border: none; overflow: hidden; width: 300px; " +
      "height: 65px;'></iframe><input type='hidden' name='cf-turnstile-response' id='" + id +
      "_response'></div>";
    widgets.push({id: id, element: element, callback: options.callback, response: ""});
    return id;
  }
  function find(id) {
    return widgets.filter(function (w) { return !id || w.id === id; })[0];
  }
  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.source !== "turnstile-sim" || !data.token) return;
    widgets.forEach(function (widget) {
      var frame = document.getElementById(widget.id);
      if (!frame || frame.contentWindow !== event.source) return;
      widget.response = data.token;
      document.getElementById(widget.id + "_response").value = data.token;
      if (typeof widget.callback === "function") widget.callback(data.token);
    });
  });
  window.turnstile = {
    render: render,
    ready: function (callback) { setTimeout(callback, 0); },
    getResponse: function (id) { var w = find(id); return w ? w.response : ""; },
    reset: function (id) { var w = find(id); if (w) w.response = ""; },
    remove: function (id) { var w = find(id); if (w) w.element.innerHTML = ""; }
  };
  var onload = params.get("onload");
  if (onload && typeof window[onload] === "function") window[onload]();
})();
"""

_FRAME_STYLE = """
body { margin: 0; font-family: Roboto, Arial, sans-serif; color: #222; background: #fff; }
"""

# The v2 checkbox, in the Spanish Google serves in Colombia.
_CHECKBOX_BODY = """
<div style='display:flex;align-items:center;justify-content:space-between;width:302px;
height:76px;box-sizing:border-box;border:1px solid #d3d3d3;border-radius:3px;
background:#f9f9f9;padding:0 12px'>
 <label style='display:flex;align-items:center;gap:12px;font-size:14px;cursor:pointer'>
  <span id='recaptcha-anchor' class='recaptcha-checkbox' role='checkbox' aria-checked='false'
  tabindex='0' style='display:inline-block;width:24px;height:24px;border:2px solid #c1c1c1;
  border-radius:2px;background:#fff'></span>
  <span id='recaptcha-anchor-label'>No soy un robot</span></label>
 <div style='text-align:center;font-size:10px;color:#555'>
  <div style='font-weight:bold'>reCAPTCHA</div><div>Privacidad - Condiciones</div></div>
</div>
<script>
(function () {
  "use strict";
  var box = document.getElementById("recaptcha-anchor");
  box.addEventListener("click", function () {
    if (box.getAttribute("aria-checked") === "true") return;
    box.setAttribute("aria-checked", "true");
    box.style.background = "#1a73e8";
    // Ticking the box stands for a person passing reCAPTCHA; programs never do this.
    setTimeout(function () {
      parent.postMessage({source: "recaptcha-sim", ticked: true}, "*");
    }, 200);
  });
  window.addEventListener("message", function (event) {
    if (event.data !== "reset") return;
    box.setAttribute("aria-checked", "false");
    box.style.background = "#fff";
  });
})();
</script>
"""

_ANCHOR_BODY = """
<div style='display:flex;align-items:center;justify-content:space-between;height:60px;
padding:0 8px;background:#f9f9f9;font-size:10px;color:#555'>
<span>Protegido por <strong>reCAPTCHA</strong></span><span>Privacidad - Condiciones</span></div>
"""

# The grid of Google's image challenge, in the Spanish Google serves in Colombia.
_BFRAME_BODY = """
<div style='width:400px;height:580px;box-sizing:border-box;border:1px solid #ccc;
box-shadow:rgba(0,0,0,.2) 2px 2px 3px;background:#fff'>
 <div style='background:#1a73e8;color:#fff;margin:7px;padding:24px 16px'>
  <div style='font-size:14px'>Selecciona todas las imágenes con</div>
  <div style='font-size:24px;font-weight:bold'><strong>semáforos</strong></div>
  <div style='font-size:14px'>Haz clic en verificar cuando no haya más.</div>
 </div>
 <div id='rc-imageselect-target' role='grid' style='display:grid;
 grid-template-columns:repeat(3,1fr);gap:4px;margin:7px;height:378px'>%(tiles)s</div>
 <div id='rc-imageselect-error' style='color:#d00;font-size:13px;margin:0 7px;min-height:16px'>
 </div>
 <div style='display:flex;align-items:center;justify-content:space-between;margin:7px'>
  <div style='color:#555;font-size:12px'>
   <span title='Obtener un nuevo desafío'>&#8635;</span>
   <span title='Obtener un desafío de audio'>&#9835;</span>
   <span title='Ayuda'>?</span></div>
  <button id='recaptcha-verify-button' style='background:#1a73e8;color:#fff;border:0;
  padding:10px 24px;font-weight:bold'>VERIFICAR</button>
 </div>
</div>
<script>
(function () {
  "use strict";
  var tiles = document.querySelectorAll("#rc-imageselect-target [role=gridcell]");
  tiles.forEach(function (tile) {
    tile.addEventListener("click", function () {
      var on = tile.getAttribute("aria-selected") !== "true";
      tile.setAttribute("aria-selected", String(on));
      tile.style.outline = on ? "4px solid #1a73e8" : "none";
    });
  });
  document.getElementById("recaptcha-verify-button").addEventListener("click", function () {
    var chosen = document.querySelectorAll("[role=gridcell][aria-selected=true]").length;
    if (!chosen) {
      document.getElementById("rc-imageselect-error").textContent =
        "Selecciona todas las imágenes que coincidan.";
      return;
    }
    // Picking tiles stands for a person solving the challenge; programs never do this.
    parent.postMessage({source: "recaptcha-sim", solved: true}, "*");
  });
})();
</script>
"""

_TURNSTILE_BODY = """
<div style='display:flex;align-items:center;justify-content:space-between;width:300px;
height:65px;box-sizing:border-box;border:1px solid #e0e0e0;background:#fafafa;padding:0 12px'>
 <label style='display:flex;align-items:center;gap:10px;font-size:13px'>
  <input type='checkbox' id='cf-chl-check' style='width:24px;height:24px'>
  <span id='cf-chl-label'>Verifique que es un ser humano</span></label>
 <div style='text-align:right;font-size:10px;color:#555'>
  <div style='font-weight:bold;letter-spacing:1px'>CLOUDFLARE</div>
  <div>Privacidad • Términos</div></div>
</div>
<script>
(function () {
  "use strict";
  var box = document.getElementById("cf-chl-check");
  box.addEventListener("change", function () {
    if (!box.checked) return;
    box.disabled = true;
    document.getElementById("cf-chl-label").textContent = "Verificando…";
    // Ticking the box stands for a person passing the challenge; programs never do this.
    setTimeout(function () {
      document.getElementById("cf-chl-label").textContent = "¡Operación exitosa!";
      parent.postMessage({source: "turnstile-sim", token: "0.token-de-una-persona"}, "*");
    }, 300);
  });
})();
</script>
"""


def _frame_document(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang='es'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title><style>{_FRAME_STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def recaptcha_api_script(*, challenge: bool) -> str:
    """Google's ``api.js``: ``challenge`` decides whether ``execute()`` passes on its own
    (a good score) or pops the image challenge up."""
    return _RECAPTCHA_API_JS % {
        "challenge": json.dumps(challenge),
        "bframe": json.dumps(RECAPTCHA_BFRAME_PATH),
        "anchor": json.dumps(RECAPTCHA_ANCHOR_PATH),
        "title": json.dumps(RECAPTCHA_CHALLENGE_TITLE),
    }


def recaptcha_anchor_page(*, checkbox: bool = False) -> str:
    """What the anchor frame shows: the v2 checkbox ("No soy un robot"), or the invisible
    widget's (hidden) badge."""
    return _frame_document("reCAPTCHA", _CHECKBOX_BODY if checkbox else _ANCHOR_BODY)


def recaptcha_bframe_page() -> str:
    """The image challenge: a 3x3 grid, "Selecciona todas las imágenes con semáforos"."""
    shades = ("#7d8a6a", "#5b6f86", "#9a8b70", "#6d7f5e", "#8a6f5b", "#59666e")
    tiles = "".join(
        f"<div role='gridcell' aria-selected='false' aria-label='Imagen {n + 1}' tabindex='0' "
        f"style='background:linear-gradient({n * 40}deg,{shades[n % 6]},{shades[(n + 2) % 6]});"
        "cursor:pointer'></div>"
        for n in range(9)
    )
    return _frame_document("reCAPTCHA", _BFRAME_BODY % {"tiles": tiles})


def turnstile_api_script() -> str:
    return _TURNSTILE_API_JS % {
        "frame": json.dumps(TURNSTILE_FRAME_PATH),
        "title": json.dumps(TURNSTILE_TITLE),
    }


def turnstile_frame_page() -> str:
    """What the Turnstile frame shows: a box to tick, "Verifique que es un ser humano"."""
    return _frame_document("Cloudflare", _TURNSTILE_BODY)
