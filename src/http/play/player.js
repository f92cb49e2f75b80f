// The bantin screen player: shows the feed in rotation, urgent items first and at once, keeps the last good feed
// and its slides when the network drops, reports heartbeats and plays, and recovers by itself.
// Token: in the URL fragment (#token=...), kept in localStorage; never sent in a URL.
const version = "bantin-player/1";
const screenId = location.pathname.split("/").filter(Boolean)[1];
const stage = document.getElementById("stage");
const status = document.getElementById("status");
const storeKey = (name) => `bantin:${screenId}:${name}`;

const fragment = new URLSearchParams(location.hash.slice(1));
if (fragment.get("token")) localStorage.setItem(storeKey("token"), fragment.get("token"));
if (location.hash) history.replaceState(null, "", location.pathname);
// #rotate=<seconds>: a fixed time per slide instead of each item's durationSec (kiosks that want a faster loop)
if (fragment.get("rotate")) localStorage.setItem(storeKey("rotate"), fragment.get("rotate"));
const rotate = Number(localStorage.getItem(storeKey("rotate"))) || undefined;
const token = localStorage.getItem(storeKey("token"));
const auth = { authorization: `Bearer ${token}` };

let feed = JSON.parse(localStorage.getItem(storeKey("feed")) || "null");
let etag = localStorage.getItem(storeKey("etag")) || undefined;
let online = false;
let current;
let timer;
let faults = [];
const slideUrls = new Map();

const setState = (state) => {
  document.body.dataset.state = state;
  status.textContent = `${state}${feed ? ` · ${feed.items.length}` : ""}`;
};

// the service worker serves this page, its script and the slides from its cache when the network is down;
// the page itself was loaded before the worker existed, so it is put in the cache here
if ("serviceWorker" in navigator) {
  navigator.serviceWorker
    .register("/play/sw.js", { scope: "/play/" })
    .then(() => caches.open("bantin-player-v1"))
    .then((cache) => cache.addAll([location.pathname, "/play/player.js"]))
    .catch((error) => faults.push(`service worker: ${error.message}`));
}

// slides are content-addressed: fetched once, kept by the service worker's cache and as object URLs here
const slideUrl = async (item) => {
  if (slideUrls.has(item.slide)) return slideUrls.get(item.slide);
  const response = await fetch(item.slide, { headers: auth });
  if (!response.ok) throw new Error(`slide ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  slideUrls.set(item.slide, url);
  return url;
};

const plays = () => JSON.parse(localStorage.getItem(storeKey("plays")) || "[]");
const recordPlay = (item) => {
  const list = plays();
  list.push({ itemId: item.id, startedAt: new Date().toISOString(), durationSec: item.durationSec });
  localStorage.setItem(storeKey("plays"), JSON.stringify(list.slice(-1000)));
};

const inForce = (item) => Date.parse(item.validFrom) <= Date.now() && Date.now() < Date.parse(item.expiresAt);
const ordered = () => (feed ? feed.items.filter(inForce) : []);

const show = async (item) => {
  current = item;
  try {
    const src = await slideUrl(item);
    const img = document.createElement("img");
    img.src = src;
    img.alt = item.headline;
    img.dataset.itemId = item.id;
    img.dataset.language = item.language;
    img.dataset.urgency = item.urgency;
    img.dataset.bulletinId = item.bulletinId;
    stage.replaceChildren(img);
    recordPlay(item);
  } catch (error) {
    faults.push(`show ${item.id}: ${error.message}`);
  }
};

// rotation: the next item after the current one; an urgent item not yet shown interrupts at once
const next = async (interrupt) => {
  clearTimeout(timer);
  const items = ordered();
  if (items.length === 0) {
    current = undefined;
    const message = document.createElement("div");
    message.id = "message";
    message.textContent = "bantin";
    stage.replaceChildren(message);
    timer = setTimeout(() => next(), 5_000);
    return;
  }
  let item;
  if (interrupt) item = items.find((candidate) => candidate.urgency === "urgent" && candidate.id !== current?.id) ?? items[0];
  else {
    const at = current ? items.findIndex((candidate) => candidate.id === current.id) : -1;
    item = items[(at + 1) % items.length];
  }
  await show(item);
  timer = setTimeout(() => next(), (rotate ?? Math.max(3, item.durationSec)) * 1_000);
};

const loadFeed = async () => {
  const response = await fetch("/screen/v1/feed", { headers: { ...auth, ...(etag ? { "if-none-match": etag } : {}) }, cache: "no-store" });
  if (response.status === 304) return false;
  if (!response.ok) throw new Error(`feed ${response.status}`);
  const before = new Set(feed ? feed.items.map((item) => item.id) : []);
  feed = await response.json();
  etag = response.headers.get("etag") || undefined;
  localStorage.setItem(storeKey("feed"), JSON.stringify(feed));
  if (etag) localStorage.setItem(storeKey("etag"), etag);
  // fetch the new slides now, while the network is up
  await Promise.all(feed.items.map((item) => slideUrl(item).catch(() => undefined)));
  const urgentNew = feed.items.some((item) => item.urgency === "urgent" && !before.has(item.id));
  const currentGone = current && !feed.items.some((item) => item.id === current.id);
  if (urgentNew || currentGone || !current) await next(true);
  return true;
};

const report = async () => {
  const pending = plays();
  if (pending.length > 0) {
    const response = await fetch("/screen/v1/plays", {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ plays: pending }),
    });
    if (response.ok) localStorage.setItem(storeKey("plays"), JSON.stringify(plays().slice(pending.length)));
  }
  const body = {
    playerVersion: version,
    feedEtag: etag,
    cachedItems: feed ? feed.items.map((item) => item.id) : [],
    ...(faults.length ? { fault: faults.slice(-3).join("; ").slice(0, 500) } : {}),
  };
  const response = await fetch("/screen/v1/heartbeat", {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.ok) faults = [];
};

// the event stream (fetch, so the token goes in a header); on any trouble: offline, keep showing, retry
const listen = async () => {
  let wait = 1_000;
  for (;;) {
    try {
      const response = await fetch("/screen/v1/events", { headers: auth, cache: "no-store" });
      if (!response.ok) throw new Error(`events ${response.status}`);
      online = true;
      setState("online");
      wait = 1_000;
      await loadFeed();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error("event stream ended");
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.split("\n").some((line) => line.startsWith("event: feed"))) await loadFeed().catch((error) => faults.push(error.message));
        }
      }
    } catch (error) {
      if (online) faults.push(error.message);
      online = false;
      setState("offline");
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 30_000);
    }
  }
};

if (!token) {
  setState("no-token");
  document.getElementById("message").textContent = "Open this page with #token=<screen token> once.";
} else {
  setState(feed ? "offline" : "starting");
  if (feed) void next();
  void listen();
  setInterval(() => void report().catch(() => undefined), 30_000);
  setTimeout(() => void report().catch(() => undefined), 3_000);
}
