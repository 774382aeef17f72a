// Página Madre's service worker, served at /sw.js by census/web_app.py, which fills in
// CONFIG (its version and our addresses). The home page registers it only when the person
// asks to keep their card ("Guardar en este celular"), so a phone where nobody asked runs
// no worker at all. It does three things, and nothing else:
// - keeps the person's card on the phone: the card's offline copy and the static files it
//   needs, in a cache of its own;
// - opened without a connection, the home page ("/") shows that copy (it says it is
//   offline and since when), or a plain note that nothing is kept; never another page;
// - forgets the card when a form that ends or changes the session is sent (logging out,
//   deleting the account, logging in, registering), and leaves, besides the
//   Clear-Site-Data the server sends then: the next person on a shared phone never sees it.
// Static files named by their content are served from a cache named by the version, so
// a deploy starts a new one and drops the old.
"use strict";

const CONFIG = __CONFIG__;
const STATIC_CACHE = CONFIG.staticCachePrefix + CONFIG.version;
const HASHED_NAME = new RegExp(CONFIG.hashedName);

// The card's cache is written and dropped one task at a time, in the order asked, so a
// keep that was already writing finishes before a forget drops its work. A keep reads the
// card over the network first, which takes long enough for a logout to pass: it writes
// only if nothing was forgotten since it began (a worker woken again starts at zero, but
// then no keep of its earlier life is still running).
let forgets = 0;
let cardWork = Promise.resolve();

function inTurn(task) {
  const turn = cardWork.then(task);
  cardWork = turn.catch(() => undefined);
  return turn;
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const old = names.filter((name) => name.startsWith(CONFIG.staticCachePrefix) && name !== STATIC_CACHE);
      await Promise.all(old.map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST") {
    if (CONFIG.sessionEnds.includes(url.pathname)) {
      event.waitUntil(forgetCard().then(() => self.registration.unregister()));
    }
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate" && url.pathname === CONFIG.home) {
    event.respondWith(homePage(event));
  } else if (url.pathname.startsWith(CONFIG.staticPrefix)) {
    event.respondWith(staticFile(request, url));
  }
});

self.addEventListener("message", (event) => {
  const port = event.ports[0];
  const handler = { keep: keepCard, forget: forgetCard, status: cardStatus }[event.data && event.data.type];
  if (!port || !handler) return;
  event.waitUntil(
    handler().then(
      (answer) => port.postMessage({ ok: true, ...answer }),
      (error) => port.postMessage({ ok: false, error: String(error) }),
    ),
  );
});

async function keepCard() {
  const forgetsBefore = forgets;
  // Manual redirects: a session that ended sends the card's address to the login page,
  // which must never be kept as the card.
  const card = await fetch(CONFIG.card, { credentials: "same-origin", cache: "no-store", redirect: "manual" });
  if (card.status !== 200) throw new Error("the card answered " + card.status);
  const html = await card.clone().text();
  const files = new Set();
  for (const match of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
    if (match[1].startsWith(CONFIG.staticPrefix)) files.add(match[1]);
  }
  const fetched = await Promise.all(
    [...files].map(async (file) => {
      const response = await fetch(file);
      if (!response.ok) throw new Error(file + " answered " + response.status);
      return [file, response];
    }),
  );
  return inTurn(async () => {
    // The card was read while it was forgotten (the session ended, or the person took it
    // off the phone): it may be the card of someone who just left, so it is not written.
    if (forgets !== forgetsBefore) throw new Error("the card was forgotten while it was read");
    // Only now the previous copy goes: a failed try leaves it whole.
    await caches.delete(CONFIG.cardCache);
    const cache = await caches.open(CONFIG.cardCache);
    await Promise.all(fetched.map(([file, response]) => cache.put(file, response)));
    await cache.put(CONFIG.card, card);
    return { kept: true };
  });
}

function forgetCard() {
  forgets += 1;
  return inTurn(async () => {
    await caches.delete(CONFIG.cardCache);
    return { kept: false };
  });
}

async function cardStatus() {
  const kept = await caches.match(CONFIG.card, { cacheName: CONFIG.cardCache });
  return { kept: Boolean(kept) };
}

async function homePage(event) {
  try {
    return await fetch(event.request);
  } catch (offline) {
    return keptCard();
  }
}

async function keptCard() {
  const kept = await caches.match(CONFIG.card, { cacheName: CONFIG.cardCache });
  if (kept) return kept;
  return new Response(CONFIG.nothingKept, {
    status: 503,
    headers: { "Content-Type": "text/html; charset=utf-8" },
  });
}

async function staticFile(request, url) {
  if (!HASHED_NAME.test(url.pathname)) {
    // A name that does not change with the content (a local run): the network first.
    try {
      return await fetch(request);
    } catch (offline) {
      const kept = await caches.match(request);
      if (kept) return kept;
      throw offline;
    }
  }
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(STATIC_CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}
