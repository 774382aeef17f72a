// "Copiar" buttons: data-copy-target names the field whose value is copied, and
// data-copied-text what the button says once it is.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy-target]");
  if (!button) {
    return;
  }
  const field = document.getElementById(button.dataset.copyTarget);
  const copied = () => {
    button.textContent = button.dataset.copiedText;
  };
  const selectAndCopy = () => {
    // Plain HTTP (a local run) has no clipboard API: the old way still works there.
    field.select();
    document.execCommand("copy");
    copied();
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(field.value).then(copied, selectAndCopy);
  } else {
    selectAndCopy();
  }
});
