// The endpoints page: keeps each screen's thumbnail up to date. Every 15 seconds it asks which slide each screen
// shows now (/endpoints/screens/showing) and reloads only the images whose slide changed, with their new alt text.
// Without this script the thumbnails are those of when the page was loaded.
const images = () => [...document.querySelectorAll("img[data-screen-id]")];
const shown = new Map();

const refresh = async () => {
  if (document.hidden || images().length === 0) return;
  const response = await fetch("/endpoints/screens/showing", { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) return;
  const { screens } = await response.json();
  const byId = new Map(screens.map((screen) => [screen.id, screen]));
  for (const image of images()) {
    const now = byId.get(image.dataset.screenId);
    if (!now) continue;
    const before = shown.get(image.dataset.screenId);
    shown.set(image.dataset.screenId, now.file);
    image.alt = now.alt;
    if (before !== undefined && before !== now.file) image.src = `${image.dataset.refresh}?slide=${encodeURIComponent(now.file ?? "none")}`;
  }
};

void refresh().catch(() => undefined);
setInterval(() => void refresh().catch(() => undefined), 15_000);
