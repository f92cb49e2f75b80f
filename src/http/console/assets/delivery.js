// The delivery view's live updates (progressive enhancement: without this script the page is complete, and its
// "reload" link brings the latest). Each server-sent "delivery" event carries the changed rows' cells as text in the
// reader's language, the order of every row and the new summary; cells are set with textContent, never as markup.

(() => {
  const section = document.getElementById("delivery");
  if (!section?.dataset.events || typeof EventSource === "undefined") return;
  const table = section.querySelector("table.delivery");
  const body = section.querySelector("tbody[data-rows]");
  const empty = section.querySelector("[data-empty]");
  const summary = section.querySelector("[data-summary]");
  const status = section.querySelector("[data-live-status]");
  const columns = [...table.querySelectorAll("thead th")].map((_, index) => index);
  const names = ["channel", "endpoint", "language", "state", "counts", "reasons", "first", "last"];

  const rowFor = (key) => {
    for (const row of body.rows) if (row.dataset.key === key) return row;
    const row = document.createElement("tr");
    row.dataset.key = key;
    for (const index of columns) {
      const cell = document.createElement("td");
      cell.dataset.column = names[index];
      row.append(cell);
    }
    body.append(row);
    return row;
  };

  const apply = (update) => {
    for (const changed of update.rows) {
      const row = rowFor(changed.key);
      row.dataset.state = changed.state;
      for (const cell of row.cells) {
        const text = changed.cells[cell.dataset.column] ?? "";
        if (cell.textContent !== text) cell.textContent = text;
        if (cell.dataset.column === "state") cell.className = `state state-${changed.state}`;
      }
      // a short highlight on what just moved (the CSS animation ends by itself)
      row.classList.remove("changed");
      void row.offsetWidth;
      row.classList.add("changed");
    }
    const byKey = new Map([...body.rows].map((row) => [row.dataset.key, row]));
    for (const key of update.order) {
      const row = byKey.get(key);
      if (row) body.append(row);
    }
    const any = body.rows.length > 0;
    table.hidden = !any;
    empty.hidden = any;
    summary.textContent = update.summary;
    // the list of every event is not redrawn: say that it has grown and that a reload shows it
    const events = section.querySelector("[data-events-count]");
    if (events && Number(events.dataset.eventsCount) !== update.events) events.textContent = update.eventsLabel;
    if (update.rows.length > 0) status.textContent = update.updated;
  };

  const source = new EventSource(section.dataset.events);
  source.addEventListener("delivery", (event) => {
    try {
      apply(JSON.parse(event.data));
      section.dataset.live = "on";
    } catch {
      // a malformed event changes nothing; the next one brings the rows again
    }
  });
  source.addEventListener("error", () => {
    // the browser reconnects by itself after a dropped connection; a refused one (the session ended) stays closed
    if (source.readyState === EventSource.CLOSED) {
      section.dataset.live = "off";
      status.textContent = section.dataset.stopped;
    }
  });
})();
