// The compose page's live preview and place search. Progressive enhancement: without this script the Preview
// button posts the whole form and the search runs on the server. Everything the server sends is already escaped
// HTML (the preview) or JSON put into the page as text (places).
(() => {
  const form = document.getElementById("compose-form");
  const target = document.getElementById("preview");
  if (!form || !target) return;
  const previewUrl = form.dataset.preview;
  let sequence = 0;
  let timer;

  const applySuggestions = () => {
    const results = document.getElementById("preview-results");
    if (!results) return;
    for (const [name, attribute] of [
      ["targetLanguages", "suggestedLanguages"],
      ["channels", "suggestedChannels"],
    ]) {
      const touched = form.querySelector(`input[name="${name}Touched"]`);
      if (!touched || touched.value === "1") continue;
      const wanted = (results.dataset[attribute] || "").split(",").filter(Boolean);
      for (const box of form.querySelectorAll(`input[type="checkbox"][name="${name}"]`)) box.checked = wanted.includes(box.value);
    }
  };

  // slides take a while to draw: ask for them once the text has rested, not for every keystroke
  let slideTimer;
  const loadSlides = () => {
    clearTimeout(slideTimer);
    slideTimer = setTimeout(() => {
      for (const image of target.querySelectorAll("img[data-src]")) {
        image.src = image.dataset.src;
        image.removeAttribute("data-src");
      }
    }, 700);
  };

  const refresh = async () => {
    const mine = ++sequence;
    target.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(previewUrl, { method: "POST", body: new FormData(form), credentials: "same-origin", headers: { accept: "text/html" } });
      if (mine !== sequence) return;
      if (!response.ok) return;
      target.innerHTML = await response.text();
      applySuggestions();
      loadSlides();
    } catch {
      // offline or the server restarted: keep the last preview; the Preview button still works
    } finally {
      if (mine === sequence) target.removeAttribute("aria-busy");
    }
  };
  const schedule = (delay = 300) => {
    clearTimeout(timer);
    clearTimeout(slideTimer);
    timer = setTimeout(refresh, delay);
  };

  form.addEventListener("input", (event) => {
    if (event.target && event.target.name === "placeQuery") return;
    schedule();
  });
  form.addEventListener("change", (event) => {
    const field = event.target;
    if (!field?.name) return;
    // another template (or switching between free text and a template) changes the fields: ask the server for them
    if (field.name === "kind" || field.name === "templateName") {
      const previewButton = form.querySelector('button[name="action"][value="preview"]');
      if (previewButton) form.requestSubmit(previewButton);
      return;
    }
    if (field.name === "targetLanguages" || field.name === "channels") {
      const touched = form.querySelector(`input[name="${field.name}Touched"]`);
      if (touched) touched.value = "1";
    }
    if (field.name === "areas" && field.checked && field.closest("#found-areas")) {
      const item = field.closest("li");
      if (item) document.getElementById("chosen-areas").appendChild(item);
    }
    if (field.name !== "placeQuery") schedule(50);
  });

  // the area picker: names in any language, Vietnamese with or without diacritics
  const search = document.getElementById("field-placeQuery");
  const found = document.getElementById("found-areas");
  let searchTimer;
  let searchSequence = 0;
  const chosen = () => new Set([...document.querySelectorAll('#chosen-areas input[name="areas"]')].filter((box) => box.checked).map((box) => box.value));
  const showPlaces = (places) => {
    found.replaceChildren();
    const have = chosen();
    for (const place of places) {
      if (have.has(place.code)) continue;
      const item = document.createElement("li");
      const label = document.createElement("label");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = "areas";
      box.value = place.code;
      const code = document.createElement("small");
      code.textContent = `(${place.code})`;
      label.append(box, ` ${place.name} `, code);
      item.append(label);
      found.append(item);
    }
  };
  if (search && found) {
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
    search.addEventListener("input", () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(async () => {
        const mine = ++searchSequence;
        const query = search.value.trim();
        if (!query) return showPlaces([]);
        try {
          const response = await fetch(`${search.dataset.search}?q=${encodeURIComponent(query)}`, { credentials: "same-origin" });
          if (response.ok && mine === searchSequence) showPlaces(await response.json());
        } catch {
          // keep what was shown
        }
      }, 200);
    });
  }
  applySuggestions();
})();
