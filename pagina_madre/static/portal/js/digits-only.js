// Keeps only digits in fields marked data-digits-only as people type or paste.
// The server validates anyway; this only spares people a round trip.
document.addEventListener("input", (event) => {
  const field = event.target;
  if (!(field instanceof HTMLInputElement) || !field.hasAttribute("data-digits-only")) return;
  const digits = field.value.replace(/[^0-9]/g, "");
  if (digits !== field.value) field.value = digits;
});
