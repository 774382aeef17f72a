// "Guárdalo": the "Imprimir" button, shown only where a script can print.
(function () {
  "use strict";
  document.querySelectorAll("[data-imprimir]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
