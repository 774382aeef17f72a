// The card on the phone (census/service_worker.js). Nothing is installed until the person
// asks: "Guardar en este celular" registers the service worker and has it keep their card;
// "Quitar de este celular" drops the card and the worker. A card already kept is kept
// again on each visit to the home page, so it is the latest.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !("serviceWorker" in navigator) || !window.caches || !window.MessageChannel) return;
  var workerUrl = script.dataset.worker;

  function talk(registration, type) {
    return new Promise(function (resolve, reject) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (event) {
        (event.data.ok ? resolve : reject)(event.data);
      };
      registration.active.postMessage({ type: type }, [channel.port2]);
    });
  }

  function installed() {
    return navigator.serviceWorker.getRegistration("/").then(function (registration) {
      return registration && registration.active ? registration : null;
    });
  }

  function keep() {
    return navigator.serviceWorker
      .register(workerUrl, { scope: "/" })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (registration) { return talk(registration, "keep"); });
  }

  function forget() {
    return installed().then(function (registration) {
      if (!registration) return null;
      return talk(registration, "forget").then(function () { return registration.unregister(); });
    });
  }

  // A first keep that failed leaves no worker behind.
  function leaveNothingIfNothingKept() {
    return installed().then(function (registration) {
      if (!registration) return null;
      return talk(registration, "status").then(function (answer) {
        return answer.kept ? null : registration.unregister();
      });
    });
  }

  var WORDS = {
    kept: "Tu tarjeta quedó guardada en este celular. Sin conexión, abre Página Madre y la verás.",
    forgotten: "Quitamos tu tarjeta de este celular.",
    failed: "No pudimos guardar tu tarjeta en este celular. Inténtalo de nuevo.",
  };

  function show(control, kept, words) {
    control.querySelector("[data-guardar-en-celular]").hidden = kept;
    control.querySelector("[data-quitar-del-celular]").hidden = !kept;
    control.querySelector("[data-estado-celular]").textContent = words;
  }

  function setUp(control) {
    if (control.dataset.listo) return;
    control.dataset.listo = "1";
    control.hidden = false;
    var keepButton = control.querySelector("[data-guardar-en-celular]");
    keepButton.addEventListener("click", function () {
      keepButton.disabled = true;
      keep()
        .then(
          function () { show(control, true, WORDS.kept); },
          function () {
            show(control, false, WORDS.failed);
            return leaveNothingIfNothingKept();
          }
        )
        .then(function () { keepButton.disabled = false; });
    });
    control.querySelector("[data-quitar-del-celular]").addEventListener("click", function () {
      forget().then(function () { show(control, false, WORDS.forgotten); });
    });
  }

  function setUpAll() {
    document.querySelectorAll("[data-tarjeta-sin-conexion]").forEach(setUp);
  }
  setUpAll();
  // The card is swapped whole while its lookup runs (htmx): a found one may arrive later.
  document.body.addEventListener("htmx:afterSettle", setUpAll);

  installed().then(function (registration) {
    if (!registration) return;
    talk(registration, "status").then(function (answer) {
      if (!answer.kept) return;
      document.querySelectorAll("[data-tarjeta-sin-conexion]").forEach(function (control) {
        show(control, true, WORDS.kept);
      });
      talk(registration, "keep").catch(function () { /* the copy kept before stays */ });
    });
  });
})();
