// The census report form ("Cuéntanos qué te salió") shows only the fields of the result
// chosen. Without JavaScript every field shows and the server asks only for those needed.
(() => {
  const FORM = "form[data-census-report]";

  const sync = (form) => {
    const chosen = form.querySelector("input[name=resultado]:checked");
    form.querySelectorAll("[data-para]").forEach((group) => {
      group.hidden = !chosen || group.dataset.para !== chosen.value;
    });
  };
  const syncWithin = (root) => {
    if (root.matches?.(FORM)) sync(root);
    root.querySelectorAll?.(FORM).forEach(sync);
  };

  document.addEventListener("change", (event) => {
    const form = event.target.closest?.(FORM);
    if (form) sync(form);
  });
  // The card may arrive later, swapped in by htmx polling.
  document.addEventListener("htmx:load", (event) => syncWithin(event.target));
  syncWithin(document);
})();
