// A form sent back with mistakes opens on its error summary (the GOV.UK pattern): focus
// goes to it, so a screen reader reads it first and a keyboard starts from it, and on a
// phone it is in view whatever field was wrong. Each of its links takes focus to the field
// it names, with the field's label in view above it.
{
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      const field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!field) return;
      event.preventDefault();
      const label = document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
      (label && field.type !== "checkbox" ? label : field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }
}
