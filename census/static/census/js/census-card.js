// The census card's life in the home page, while htmx asks for it every few seconds
// (less often the longer it waits: census/rules/card_polling.py), swapping it when changed.
(() => {
  // Its final answer, said to screen readers. A live region inside the card would be a
  // new one with each swap, and never heard; the page keeps one outside it
  // (#censo-anuncio). A card that stops changing by itself carries its sentence in
  // data-anuncio, and that sentence is said once.
  let announced = false;
  document.addEventListener("htmx:afterSwap", () => {
    const card = document.getElementById("censo");
    const region = document.getElementById("censo-anuncio");
    const sentence = card?.dataset.anuncio;
    if (announced || !region || !sentence) return;
    announced = true;
    region.textContent = sentence;
  });

  // Each poll says which card it shows (the ETag of the last one that came): unchanged,
  // the server answers 304 without a body or rendering it, and the card stays as it is.
  // The browser keeps no copy of the person's pages (Cache-Control: no-store), so the tag
  // is sent from here rather than by its cache.
  let cardTag = null;
  document.addEventListener("htmx:configRequest", (event) => {
    if (cardTag && event.detail.elt?.matches?.("#censo")) {
      event.detail.headers["If-None-Match"] = cardTag;
    }
  });

  // A session that ended meanwhile answers the login page (after a redirect) instead of
  // the card; swapped in, it would sit inside the card. The whole page goes there.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const { xhr, requestConfig } = event.detail;
    if (!requestConfig?.elt?.matches?.("#censo")) return;
    if (xhr.status === 304) {
      event.detail.shouldSwap = false;
      return;
    }
    if (new URL(xhr.responseURL).pathname !== requestConfig.path) {
      event.detail.shouldSwap = false;
      window.location.reload();
      return;
    }
    cardTag = xhr.getResponseHeader("ETag");
  });
})();
