// The census card's life in the home page, while htmx swaps it every few seconds.
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

  // A session that ended meanwhile answers the login page (after a redirect) instead of
  // the card; swapped in, it would sit inside the card. The whole page goes there.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const { xhr, requestConfig } = event.detail;
    if (!requestConfig?.elt?.matches?.("#censo")) return;
    if (new URL(xhr.responseURL).pathname !== requestConfig.path) {
      event.detail.shouldSwap = false;
      window.location.reload();
    }
  });
})();
