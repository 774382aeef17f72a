// Registration's proof of work (REGISTRATION_CHALLENGE=1, ALTCHA's scheme): find the number
// whose SHA-256, after the challenge's salt, is the challenge, and send it with the form.
// The work starts when the page loads, so it is usually done before the person finishes.
(() => {
  const field = document.querySelector("input[data-registration-challenge]");
  if (!field) return;
  const form = field.form;
  const status = document.getElementById(`${field.id}_estado`);
  const { algorithm, challenge, maxNumber, salt, signature } = JSON.parse(
    field.dataset.registrationChallenge,
  );
  const encoder = new TextEncoder();
  const BATCH = 500;

  const hex = (buffer) =>
    Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
  const hash = async (number) =>
    hex(await crypto.subtle.digest("SHA-256", encoder.encode(salt + number)));

  const solve = async () => {
    for (let start = 0; start <= maxNumber; start += BATCH) {
      const numbers = [];
      for (let number = start; number < start + BATCH && number <= maxNumber; number += 1) {
        numbers.push(number);
      }
      const hashes = await Promise.all(numbers.map(hash));
      const found = hashes.indexOf(challenge);
      if (found !== -1) return numbers[found];
    }
    return null;
  };

  const solution = solve();
  form.addEventListener("submit", async (event) => {
    if (field.value) return;
    event.preventDefault();
    status.textContent = "Comprobando que eres una persona…";
    const number = await solution;
    // Unsolved (it should not happen), the form goes anyway and the server says so.
    field.value =
      number === null ? "-" : btoa(JSON.stringify({ algorithm, challenge, number, salt, signature }));
    form.submit();
  });
})();
