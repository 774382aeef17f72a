"""The script bundles of the ``spa_strings`` mode: big, realistic, and full of block words.

Single-page apps ship their error pages, their CAPTCHA loaders and their bot telemetry as
strings inside their scripts (see ``shared/census-site.md``). These bundles do the same: the
F5 rejection page, the TSPD challenge markers, the reCAPTCHA / Turnstile names and the
automation signals are all in them, as string literals and templates, and none of it is ever
shown. The rest is filler shaped like a minified webpack build, so that the interesting
strings sit in a large haystack as they would on the real site.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator

from census_sim.census import ELECTIONS, PUESTOS, STREETS, TOWNS

# The file name carries a content hash, as a production build's does.
BUNDLE_HASH = "9f3c2e71"
BUNDLE_PATH = f"/static/js/app.{BUNDLE_HASH}.js"
APP_VERSION = "3.14.2"
SAMPLE_SUPPORT_ID = "1234567890123456789"

# The F5 BIG-IP default rejection page, exactly as the edge serves it, with the support id
# left to a template placeholder.
_REJECTION_TEMPLATE = (
    "<html><head><title>Request Rejected</title></head><body>"
    "The requested URL was rejected. Please consult with your administrator.<br><br>"
    "Your support ID is: ${idSoporte}<br><br>"
    "<a href='javascript:history.back();'>[Go Back]</a></body></html>"
)
_REJECTION_SAMPLE = (
    "Request Rejected. The requested URL was rejected. Please consult with your "
    f"administrator. Your support ID is: {SAMPLE_SUPPORT_ID}"
)
_CHALLENGE_MARKERS = (
    "bobcmn",
    "/TSPD/",
    "TSPD_101",
    "Please enable JavaScript to view the page content",
)
_CAPTCHA_MARKERS = {
    "recaptcha": {
        "contenedor": ".g-recaptcha",
        "insignia": ".grecaptcha-badge",
        "desafio": "iframe[title='recaptcha challenge expires in two minutes']",
    },
    "turnstile": {
        "contenedor": ".cf-turnstile",
        "marco": "Widget containing a Cloudflare security challenge",
    },
}
_AUTOMATION_SIGNALS = ("navigator.webdriver", "HeadlessChrome", "__playwright", "cdc_")

MESSAGES: dict[str, str] = {
    "titulo": "Consulta tu lugar de votación",
    "documento.etiqueta": "Número de documento (NUIP)",
    "documento.invalido": "El número de documento no es válido.",
    "eleccion.etiqueta": "Elección",
    "boton.consultar": "Consultar",
    "cargando": "Cargando…",
    "resultado.mapa": "Ver en el mapa",
    "resultado.noEncontrado": "El documento no se encuentra en el censo electoral.",
    "error.general": "No fue posible realizar la consulta. Intente más tarde.",
    "error.servicio": "El servicio no está disponible en este momento. Intente más tarde.",
    "error.captcha": "Captcha inválido. Resuelva el captcha e intente de nuevo.",
    "error.sesion": "Su sesión expiró. Recargue la página.",
    "error.f5.titulo": "Request Rejected",
    "error.f5.cuerpo": "The requested URL was rejected. Please consult with your administrator.",
    "error.f5.soporte": "Your support ID is: {id}",
    "error.js": "Please enable JavaScript to view the page content.",
    "aviso.recaptcha": "Este sitio está protegido por reCAPTCHA y se aplican la Política de "
    "privacidad y las Condiciones del servicio de Google.",
    "aviso.cookies": "Usamos cookies para mejorar su experiencia.",
}


def _js(value: object) -> str:
    """A JavaScript literal for a Python value."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# --- the modules that hold the block words -----------------------------------------------


def _error_module() -> str:
    return (
        'function(e,t,n){"use strict";n.r(t);'
        f"var r=function(idSoporte){{return`{_REJECTION_TEMPLATE}`}},"
        f"o={_js(_REJECTION_SAMPLE)},"
        'i=function(e){return typeof e=="string"&&e.indexOf("The requested URL was rejected'
        '")>=0},'
        'a=function(e){var t=/Your support ID is: (\\d+)/.exec(e||"");return t?t[1]:null};'
        "t.default={plantilla:r,ejemplo:o,esRechazo:i,idSoporte:a}}"
    )


def _edge_module() -> str:
    return (
        'function(e,t,n){"use strict";n.r(t);'
        f"var r={_js(list(_CHALLENGE_MARKERS))},"
        'o=function(e){return r.some(function(t){return(e||"").indexOf(t)>=0})},'
        "i=`<noscript>Please enable JavaScript to view the page content.<br/>"
        'Your support ID is: ${""}</noscript>`;'
        "t.default={marcas:r,esDesafio:o,aviso:i}}"
    )


def _captcha_module() -> str:
    return (
        'function(e,t,n){"use strict";n.r(t);'
        f"var r={_js(_CAPTCHA_MARKERS)},"
        'o=function(e){return`<div class="g-recaptcha" data-sitekey="${e}" '
        'data-size="invisible"></div>`},'
        'i=function(e){return`<div class="cf-turnstile" data-sitekey="${e}"></div>`},'
        "a=function(){return document.querySelector(r.recaptcha.desafio)};"
        "t.default={marcas:r,recaptcha:o,turnstile:i,desafio:a}}"
    )


def _telemetry_module() -> str:
    return (
        'function(e,t,n){"use strict";n.r(t);'
        f"var r={_js(list(_AUTOMATION_SIGNALS))},"
        "o=function(){return{webdriver:navigator.webdriver===!0,"
        "headless:/HeadlessChrome/.test(navigator.userAgent),"
        'idioma:navigator.language,pantalla:[screen.width,screen.height].join("x")}};'
        "t.default={senales:r,medir:o}}"
    )


def _messages_module() -> str:
    return f'function(e,t,n){{"use strict";n.r(t);t.default={_js(MESSAGES)}}}'


# --- filler: the rest of a production build ----------------------------------------------


def _validator(rng: random.Random, n: int) -> str:
    low, high = rng.choice(((2, 12), (6, 10), (3, 8), (1, 40)))
    error = _js(MESSAGES["documento.invalido"])
    return (
        f'function(e,t,n){{"use strict";n.r(t);var r=/^\\d{{{low},{high}}}$/;'
        f't.default=function v{n}(e){{var t=String(e==null?"":e).replace(/[\\s.]/g,"");'
        f"return r.test(t)?{{ok:!0,valor:t}}:{{ok:!1,error:{error}}}}}}}"
    )


def _towns_table(rng: random.Random, n: int) -> str:
    towns = rng.sample(TOWNS, 6)
    rows = ",".join(
        _js({"d": t.departamento, "m": t.municipio, "c": t.divipol, "p": [t.latitude, t.longitude]})
        for t in towns
    )
    return f'function(e,t,n){{"use strict";n.r(t);var r=[{rows}];t.default=r}}'


def _component(rng: random.Random, n: int) -> str:
    label = rng.choice(list(MESSAGES.values()))
    tag = rng.choice(("div", "section", "span", "p", "li"))
    return (
        f'function(e,t,n){{"use strict";n.r(t);var r=n(4129),o=n(731);'
        f'function C{n}(e){{var t=e.clase||"c-{n}";'
        f'return r.h("{tag}",{{class:t,"data-v-{rng.randrange(16**8):08x}":""}},'
        f"[e.texto||{_js(label)}])}}t.default=o.memo(C{n})}}"
    )


def _formatter(rng: random.Random, n: int) -> str:
    street = rng.choice(STREETS)
    return (
        f'function(e,t,n){{"use strict";n.r(t);'
        f't.default=function f{n}(e){{return String(e||"").trim().replace(/\\s+/g," ")'
        f'.replace(/^{street} /i,"{street.title()} ").toUpperCase()}}}}'
    )


def _routes(rng: random.Random, n: int) -> str:
    election = rng.choice(ELECTIONS)
    return (
        f'function(e,t,n){{"use strict";n.r(t);t.default=[{{path:"/",nombre:"consulta",'
        f"componente:function(){{return n.e({n % 97}).then(n.bind(n,{n * 7 % 9973}))}}}},"
        f'{{path:"/eleccion/{election["value"]}",titulo:{_js(election["label"])}}}]}}'
    )


def _styles(rng: random.Random, n: int) -> str:
    color = f"#{rng.randrange(16**6):06x}"
    return (
        f'function(e,t,n){{"use strict";n.r(t);var r=n(6113);r.insertar('
        f'".c-{n}{{color:{color};margin:{rng.randrange(4)}rem 0;'
        f'font-size:{rng.choice((0.875, 1, 1.125))}rem}}.c-{n}:hover{{opacity:.9}}")}}'
    )


def _puesto_search(rng: random.Random, n: int) -> str:
    puestos = rng.sample(PUESTOS, 3)
    return (
        f'function(e,t,n){{"use strict";n.r(t);var r={_js(puestos)};'
        f't.default=function(e){{var t=String(e||"").toUpperCase();'
        f"return r.filter(function(e){{return e.indexOf(t)>=0}})}}}}"
    )


_FILLERS: tuple[Callable[[random.Random, int], str], ...] = (
    _validator,
    _towns_table,
    _component,
    _formatter,
    _routes,
    _styles,
    _puesto_search,
)


def _filler(seed: int, count: int) -> Iterator[tuple[int, str]]:
    rng = random.Random(seed)
    # Module ids are unique within a build; 4400-4499 are the decoys'.
    ids = [i for i in rng.sample(range(1000, 99999), count + 100) if not 4400 <= i < 4500]
    for index, module_id in zip(range(count), ids, strict=False):
        yield module_id, rng.choice(_FILLERS)(rng, index)


def _chunk(chunk_id: int, modules: list[tuple[int, str]]) -> str:
    body = ",\n".join(f"{module_id}:{source}" for module_id, source in modules)
    return (
        '"use strict";(self.webpackChunkconsultacenso=self.webpackChunkconsultacenso||[])'
        f".push([[{chunk_id}],{{\n{body}\n}}]);"
    )


def _decoys() -> list[tuple[int, str]]:
    return [
        (4410, _error_module()),
        (4411, _edge_module()),
        (4412, _captcha_module()),
        (4413, _telemetry_module()),
        (4414, _messages_module()),
    ]


def _build_external() -> str:
    modules = list(_filler(seed=179, count=700))
    decoys = _decoys()
    # The decoys sit in the middle of the haystack, as in a real build.
    middle = len(modules) // 2
    modules[middle:middle] = decoys
    return (
        f"/*! consultacenso {APP_VERSION} | (c) Registraduría Nacional del Estado Civil */\n"
        + _chunk(179, modules)
        + "\n//# sourceMappingURL=app."
        + BUNDLE_HASH
        + ".js.map\n"
    )


_INLINE_RUNTIME = """
/*! consultacenso runtime %(version)s */
(function () {
  "use strict";
  var chunks = (self.webpackChunkconsultacenso = self.webpackChunkconsultacenso || []);
  // The error boundary's pages: shown only when the edge really rejects a call.
  function paginaRechazo(idSoporte) {
    return `%(rejection)s`;
  }
  var ejemploRechazo = %(sample)s;
  var marcasBorde = %(markers)s;
  var captcha = %(captcha)s;
  var senales = %(signals)s;
  // Bot telemetry: measured and kept, never acted upon by this build.
  var telemetria = {
    webdriver: navigator.webdriver === true,
    headless: /HeadlessChrome/.test(navigator.userAgent),
    senales: senales
  };
  window.__censo = {
    version: %(version_js)s,
    chunks: chunks,
    errores: {rechazo: paginaRechazo, ejemplo: ejemploRechazo},
    marcas: marcasBorde,
    captcha: captcha,
    telemetria: telemetria,
    mensajes: %(messages)s
  };
})();
"""


def _build_inline() -> str:
    runtime = _INLINE_RUNTIME % {
        "version": APP_VERSION,
        "version_js": _js(APP_VERSION),
        "rejection": _REJECTION_TEMPLATE,
        "sample": _js(_REJECTION_SAMPLE),
        "markers": _js(list(_CHALLENGE_MARKERS)),
        "captcha": _js(_CAPTCHA_MARKERS),
        "signals": _js(list(_AUTOMATION_SIGNALS)),
        "messages": _js(MESSAGES),
    }
    # A first chunk, inlined to save a round trip, as builds do for the critical path.
    return runtime + _chunk(52, [*list(_filler(seed=52, count=120)), *_decoys()[:2]])


EXTERNAL_BUNDLE = _build_external()
INLINE_BUNDLE = _build_inline()


def app_state_json() -> str:
    """The server-rendered state a hydrating app reads (``<script type=application/json>``)."""
    state = {
        "version": APP_VERSION,
        "i18n": {"es": MESSAGES},
        "borde": {"marcas": list(_CHALLENGE_MARKERS), "ejemplo": _REJECTION_SAMPLE},
        "captcha": {"proveedores": ["g-recaptcha", "cf-turnstile"], "activo": False},
    }
    return json.dumps(state, ensure_ascii=False)
