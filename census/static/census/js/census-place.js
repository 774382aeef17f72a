// The place found, chosen from the official list with GOV.UK's accessible-autocomplete
// (static/vendor/accessible-autocomplete) over the form's own controls: the departamento
// and municipio selects become autocompletes that still set the select sent with the
// form, and the puesto's search box becomes one fed by the list's JSON whose choice is sent
// as the puesto. The step buttons ("Continuar", "Buscar") that the page needs without
// JavaScript are taken away, and come back if the list cannot be read.
(() => {
  const ROOT = "[data-lugar-lista]";
  const WORDS = {
    tNoResults: () => "No hay resultados",
    tStatusQueryTooShort: (length) => `Escribe ${length} letras o más para ver opciones`,
    tStatusNoResults: () => "No hay resultados",
    tStatusSelectedOption: (option, length, index) =>
      `${option}, ${index + 1} de ${length}, resaltado`,
    tStatusResults: (length, selected) =>
      `${length === 1 ? "Hay 1 opción" : `Hay ${length} opciones`}. ${selected}`,
    tAssistiveHint: () =>
      "Cuando haya opciones, recórrelas con las flechas hacia arriba y hacia abajo y elige " +
      "una con Enter. En una pantalla táctil, explóralas tocando o deslizando.",
  };

  // As the server compares names (cedula_domain.place_names.name_key): no accents, no
  // punctuation, every word typed at the start of a word of the name.
  const words = (text) =>
    text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toUpperCase()
      .split(/[^A-Z0-9]+/)
      .filter(Boolean);
  const fits = (name, query) => {
    const nameWords = words(name);
    return words(query).every((typed) => nameWords.some((word) => word.startsWith(typed)));
  };
  const escapeHtml = (text) =>
    String(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

  const readJson = async (url, signal) => {
    const response = await fetch(url, { signal, headers: { Accept: "application/json" } });
    // A session that ended answers the login page: no list to read.
    if (!response.ok || !response.headers.get("Content-Type")?.includes("json")) {
      throw new Error(`${url}: ${response.status}`);
    }
    return response.json();
  };

  // A select as an autocomplete of its own options (read when asked, so they may change);
  // choosing one selects it in the select, which is what the form sends.
  const enhanceSelect = (select, onChosen) => {
    const offered = () => [...select.options].filter((option) => option.value);
    window.accessibleAutocomplete.enhanceSelectElement({
      ...WORDS,
      selectElement: select,
      defaultValue: "",
      source: (query, populate) =>
        populate(offered().map((option) => option.text).filter((text) => fits(text, query))),
      onConfirm: (text) => {
        const option = offered().find((candidate) => candidate.text === text);
        // Leaving the field without a new choice keeps the one made.
        if (!option || option.selected) return;
        option.selected = true;
        onChosen(option.value);
      },
    });
    const wrapper = select.previousElementSibling;
    return () => {
      wrapper.remove();
      select.id = select.id.replace(/-select$/, "");
    };
  };

  const enhance = (root) => {
    if (!window.accessibleAutocomplete || root.dataset.mejorado) return;
    root.dataset.mejorado = "sí";
    const departamento = root.querySelector("select[name=departamento]");
    const municipio = root.querySelector("select[name=municipio]");
    const municipioStep = root.querySelector("[data-paso=municipio]");
    const puestoStep = root.querySelector("[data-paso=puesto]");
    const search = root.querySelector("input[name=buscar]");
    const address = root.querySelector("[data-direccion-elegida]");
    const outside = root.querySelector("input[name=fuera_de_lista]");
    const outsideFields = root.querySelector("[data-si-fuera-de-lista]");
    if (!departamento || !municipio || !search) return;

    // Enter in a field presses a form's first button, which would be a step's: they are
    // taken away (and put back if the list cannot be read), so Enter saves the form.
    const stepButtons = [...root.querySelectorAll("[data-paso-boton]")].map((button) => {
      const place = document.createComment("paso");
      button.replaceWith(place);
      return { button, place };
    });
    const offerSteps = () => {
      stepButtons.forEach(({ button, place }) => place.isConnected && place.replaceWith(button));
    };

    // The puesto: the search box becomes an autocomplete of the municipio's puestos; the
    // one chosen is sent as the puesto, and its address shown.
    const chosen = root.querySelector("input[name=puesto]:checked");
    const puesto = document.createElement("input");
    puesto.type = "hidden";
    puesto.name = "puesto";
    puesto.value = chosen ? chosen.value : "";
    const chosenName = chosen
      ? root.querySelector(`label[for="${CSS.escape(chosen.id)}"]`)?.firstChild?.textContent
      : "";
    root.querySelector("[data-resultados]")?.remove();
    const showAddress = (place) => {
      if (!place) address.textContent = "";
      else if (place.direccion) address.textContent = `Dirección del puesto: ${place.direccion}`;
      else address.textContent = "La lista no tiene la dirección de este puesto.";
    };
    const searchWrapper = document.createElement("div");
    search.replaceWith(searchWrapper);
    searchWrapper.after(puesto);
    let pending = null;
    window.accessibleAutocomplete({
      ...WORDS,
      element: searchWrapper,
      id: search.id,
      name: search.name,
      defaultValue: chosenName || search.value,
      minLength: 2,
      source: (query, populate) => {
        pending?.abort();
        pending = new AbortController();
        const params = new URLSearchParams({
          departamento: departamento.value,
          municipio: municipio.value,
          q: query,
        });
        readJson(`${root.dataset.puestosUrl}?${params}`, pending.signal)
          .then((found) => populate(found.puestos))
          .catch((error) => {
            if (error.name !== "AbortError") offerSteps();
          });
      },
      templates: {
        inputValue: (place) => (typeof place === "string" ? place : (place?.nombre ?? "")),
        suggestion: (place) =>
          typeof place === "string"
            ? escapeHtml(place)
            : `${escapeHtml(place.nombre)}<span class="autocomplete__direccion">${escapeHtml(
                place.direccion,
              )}</span>`,
      },
      onConfirm: (place) => {
        if (!place || typeof place === "string") return;
        puesto.value = String(place.id);
        showAddress(place);
      },
    });
    const puestoInput = searchWrapper.querySelector("input");
    // What is typed is a new search: the puesto is the one chosen from its results.
    puestoInput.addEventListener("input", () => {
      puesto.value = "";
      showAddress(null);
    });
    const forgetPuesto = () => {
      puesto.value = "";
      puestoInput.value = ""; // the autocomplete reads its input again within 0.1 s
      showAddress(null);
    };

    const showPuesto = (shown) => {
      puestoStep.hidden = !shown || Boolean(outside?.checked);
    };
    const chooseMunicipio = () => {
      forgetPuesto();
      showPuesto(Boolean(municipio.value));
    };

    // The municipio: its options are those of the departamento chosen, read from the list.
    let unenhanceMunicipio = enhanceSelect(municipio, chooseMunicipio);
    let reading = null;
    const chooseDepartamento = async (code) => {
      reading?.abort();
      reading = new AbortController();
      municipioStep.hidden = true;
      municipio.value = "";
      chooseMunicipio();
      let found;
      try {
        const params = new URLSearchParams({ departamento: code });
        found = await readJson(`${root.dataset.municipiosUrl}?${params}`, reading.signal);
      } catch (error) {
        if (error.name !== "AbortError") offerSteps();
        return;
      }
      const placeholder = municipio.options[0];
      municipio.replaceChildren(
        placeholder,
        ...found.municipios.map(({ codigo, nombre }) => new Option(nombre, codigo)),
      );
      // A departamento of one municipio (Bogotá D.C.) has it chosen already.
      if (found.municipios.length === 1) municipio.options[1].selected = true;
      unenhanceMunicipio();
      unenhanceMunicipio = enhanceSelect(municipio, chooseMunicipio);
      municipioStep.hidden = false;
      showPuesto(Boolean(municipio.value));
    };
    enhanceSelect(departamento, chooseDepartamento);

    // "Mi puesto no está en la lista": its fields instead of the search.
    const syncOutside = () => {
      if (outsideFields) outsideFields.hidden = !outside.checked;
      showPuesto(Boolean(municipio.value));
    };
    outside?.addEventListener("change", syncOutside);
    syncOutside();
  };

  const enhanceWithin = (root) => {
    if (root.matches?.(ROOT)) enhance(root);
    root.querySelectorAll?.(ROOT).forEach(enhance);
  };
  // The card may arrive later, swapped in by htmx polling.
  document.addEventListener("htmx:load", (event) => enhanceWithin(event.target));
  enhanceWithin(document);
})();
